import type { LoadedDocument } from '../../types.js';
import { foldDanish } from '../../text/fold.js';
import { escapeRegExp, isBlank, squash } from '../../text/normalize.js';
import { blocksIn, contactBlockEnd, isContactHeader } from '../blocks.js';
import { isContactLine } from '../contacts.js';
import type { DraftCase, Layout } from '../draft.js';
import { findSections, isHeadingLine } from '../sections.js';

const COUNTS: Record<string, number> = { to: 2, tre: 3, fire: 4, fem: 5, seks: 6, syv: 7, otte: 8, ni: 9, ti: 10 };

/**
 * A line announcing examples presented under headings: "Her er vi innovative – seks eksempler:",
 * "Her er tre eksempler fra Viborg, Frederiksberg og Roskilde." The number, when given, says how many.
 */
const ANNOUNCES_COUNT = /\b(\d{1,2}|to|tre|fire|fem|seks|syv|otte|ni|ti)\s+(?:\p{L}+\s+)?eksempler\b/iu;
const ANNOUNCES_LIST = /\beksempler\b[^.]*:\s*$|^her er\b.*:\s*$/i;

function announced(line: string): { count: number | null } | null {
  const t = squash(line);
  const m = ANNOUNCES_COUNT.exec(t);
  if (m) return { count: COUNTS[m[1].toLowerCase()] ?? Number(m[1]) };
  return ANNOUNCES_LIST.test(t) ? { count: null } : null;
}

function isProse(line: string): boolean {
  const t = squash(line);
  return t.length > 70 || /[.!?]["”]?$/.test(t);
}

/** A headline: short, no full stop at the end, no dateline ("Annonce date 2018-10 …"). */
export function isHeadline(line: string): boolean {
  const t = squash(line);
  return t.length >= 8 && t.length <= 110 && !/[.:]$/.test(t) && !/\bdate\b|\d{4}-\d{2}/i.test(t);
}

/**
 * A title for an article that lost its headline: the quoted name the text keeps returning to,
 * preferring one that shares words with the file name.
 */
export function titleFromText(doc: LoadedDocument, start: number, end: number): string | null {
  const text = doc.lines.slice(start, end + 1).join('\n');
  const slug = new Set(
    doc.file
      .toLowerCase()
      .replace(/\.[a-z]+$/, '')
      .split(/[^a-zæøå0-9]+/),
  );
  const quoted = [...text.matchAll(/["“”«]([^"“”«»\n]{3,60})["“”»]/g)].map((m) => squash(m[1]));
  let best: string | null = null;
  let bestScore = 0;
  for (const q of new Set(quoted)) {
    if (!/^\p{Lu}/u.test(q) || q.split(' ').length > 8) continue;
    const occurrences = (foldDanish(text).match(new RegExp(`${escapeRegExp(foldDanish(q))}(?!\\p{L})`, 'gu')) ?? []).length;
    const shared = q
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => slug.has(w)).length;
    const score = occurrences + 2 * shared;
    if (score > bestScore) [best, bestScore] = [q, score];
  }
  return best;
}

function articleTitle(doc: LoadedDocument, start: number, end: number): { title: string; source: DraftCase['titleSource'] } {
  const first = doc.lines[start] ?? '';
  const h = doc.headingLines.find((i) => i >= start && i <= end);
  if (h !== undefined) return { title: squash(doc.lines[h]).replace(/^#+\s*/, ''), source: 'header' };
  if (isHeadline(first)) return { title: squash(first), source: 'header' };
  const derived = titleFromText(doc, start, end);
  return derived ? { title: derived, source: 'text' } : { title: squash(first).slice(0, 80), source: 'text' };
}

/** The contact block opened by the first contact header in (start, end], if any. */
function contactBlockIn(lines: string[], start: number, end: number): DraftCase['contacts'] {
  for (let h = start + 1; h <= end; h++) {
    if (!isContactHeader(lines[h])) continue;
    const cend = contactBlockEnd(lines, h, end);
    return cend > h ? { start: h + 1, end: cend } : null;
  }
  return null;
}

/** One case per article; a page that announces examples under headings gives one case per example. */
export const article: Layout = {
  detect: () => true,
  segment(doc, region) {
    const { lines } = doc;
    for (let i = region.start; i <= region.end; i++) {
      const announcement = announced(lines[i]);
      if (!announcement) continue;
      const examples = examplesAfter(doc, i, region.end, announcement.count);
      if (examples.length >= 2) return examples;
    }
    const blocks = blocksIn(lines, region.start, region.end);
    if (!blocks.length) return [];
    const start = blocks[0].start;
    const contacts = contactBlockIn(lines, start, region.end);
    let end = contacts ? contacts.end : blocks.at(-1)!.end;
    // trailing furniture ("Mest læste", "Annonce") goes; a contact line at the end stays
    while (end > start && !isProse(lines[end]) && !contacts && !isContactLine(lines[end])) end--;
    const { title, source } = articleTitle(doc, start, end);
    const summaryLine = blocksIn(lines, start, end).find((b) => lines[b.start].length > 120)?.start ?? null;
    return [
      {
        layout: 'article',
        title,
        titleSource: source,
        start,
        end,
        fields: {},
        headerOrg: null,
        sections: findSections(lines, start, end, 'Artikel', [/^#{1,6}\s/]),
        contacts,
        partnersText: null,
        summaryLine,
      },
    ];
  },
};

/**
 * Example sections after the announcing line: a heading, then its paragraphs. Where the loader
 * knows heading levels (HTML), an example runs to the next heading of its level, and `count`
 * (the number announced) caps how many there are; otherwise it runs over prose and contact lines.
 */
function examplesAfter(doc: LoadedDocument, announce: number, last: number, count: number | null): DraftCase[] {
  const { lines } = doc;
  const levels = doc.headingLevels && doc.headingLevels.length === doc.headingLines.length ? doc.headingLevels : null;
  const levelOf = (i: number) => (levels ? levels[doc.headingLines.indexOf(i)] : 1);
  const isHeading = (i: number) => (doc.headingLines.length ? doc.headingLines.includes(i) : isHeadingLine(lines, i) && !isProse(lines[i]));
  let level: number | null = null;
  const out: DraftCase[] = [];
  for (let i = announce + 1; i <= last && (count === null || out.length < count); i++) {
    if (isBlank(lines[i]) || !isHeading(i)) continue;
    level ??= levelOf(i);
    if (levelOf(i) !== level) continue;
    let end = i;
    let summaryLine: number | null = null;
    for (let j = i + 1; j <= last; j++) {
      if (isBlank(lines[j])) continue;
      if (isHeading(j) ? !levels || levelOf(j) <= level : !levels && !isProse(lines[j]) && !isContactLine(lines[j])) break;
      end = j;
      if (isProse(lines[j])) summaryLine ??= j;
    }
    if (end === i) continue;
    out.push({
      layout: 'page-example',
      title: squash(lines[i]).replace(/^#+\s*/, ''),
      titleSource: 'header',
      start: i,
      end,
      fields: {},
      headerOrg: null,
      sections: findSections(lines, i, end, 'Beskrivelse', [], i + 1),
      contacts: contactBlockIn(lines, i, end),
      partnersText: null,
      summaryLine,
    });
    i = end;
  }
  return out;
}
