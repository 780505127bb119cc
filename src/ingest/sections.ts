import type { Section } from '../types.js';
import { isBlank, isUpperLine, sentenceCaseFromCaps, squash } from '../text/normalize.js';
import { isContactHeader } from './blocks.js';

/**
 * A line that reads as a heading: short, no sentence ending, standing alone between blank lines.
 * A line ending in a colon before a quotation ("Ministeren siger:" / "”Normalt …") leads in the
 * quote and is no heading.
 */
export function isHeadingLine(lines: string[], i: number, extra: RegExp[] = []): boolean {
  const t = squash(lines[i] ?? '');
  if (!t) return false;
  if (extra.some((r) => r.test(t))) return true;
  if (t.length > 70 || /[.!,;”"*]$/.test(t) || /^[-•*”"–]/.test(t) || /^\d/.test(t)) return false;
  if (/@|\d{2}[\s]?\d{2}[\s]?\d{2}/.test(t)) return false;
  if (t.endsWith(':') && /^[”"“«„]/u.test(squash(lines.slice(i + 1).find((l) => !isBlank(l)) ?? ''))) return false;
  const prevBlank = i === 0 || isBlank(lines[i - 1]);
  const nextBlank = i + 1 >= lines.length || isBlank(lines[i + 1]);
  return prevBlank && nextBlank && /^\p{Lu}/u.test(t);
}

/** Readable section name: "SPREDNINGSKAPACITET" → "Spredningskapacitet", "Hvorfor >" → "Hvorfor". */
export function sectionName(line: string): string {
  const t = squash(line)
    .replace(/^#+\s*/, '')
    .replace(/\s*>\s*$/, '')
    .replace(/:\s*$/, '');
  return isUpperLine(t) ? sentenceCaseFromCaps(t) : t;
}

/**
 * Splits a case's lines [start, end] (0-based) into sections at heading lines.
 * Lines before the first heading form a section named `firstName`; headings are looked for from `bodyStart`
 * (after the title and header fields), and not inside the contact block.
 */
export function findSections(lines: string[], start: number, end: number, firstName: string, extra: RegExp[] = [], bodyStart = start + 1): Section[] {
  const sections: Section[] = [];
  let current: Section = { name: firstName, lineStart: start + 1, lineEnd: start + 1 };
  for (let i = start; i <= end; i++) {
    const inContacts = current.name === 'Kontakt';
    if (i >= bodyStart && !inContacts && (isHeadingLine(lines, i, extra) || isContactHeader(lines[i]))) {
      if (current.lineEnd >= current.lineStart) sections.push(current);
      current = { name: isContactHeader(lines[i]) ? 'Kontakt' : sectionName(lines[i]), lineStart: i + 1, lineEnd: i + 1 };
    }
    if (!isBlank(lines[i])) current.lineEnd = i + 1;
  }
  sections.push(current);
  return sections;
}
