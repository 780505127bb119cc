import type { LoadedDocument } from '../../types.js';
import { foldForMatch, isBlank, squash } from '../../text/normalize.js';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
import { blocksIn, contactBlockEnd, isContactHeader } from '../blocks.js';
import type { DraftCase, Layout } from '../draft.js';
import { findSections, isHeadingLine } from '../sections.js';

// "Her er vi innovative – seks eksempler:" — a page announcing a list of examples under headings.
const ANNOUNCES_EXAMPLES = /\beksempler\b[^.]*:\s*$|^her er\b.*:\s*$/i;

function isProse(line: string): boolean {
  const t = squash(line);
  return t.length > 70 || /[.!?]["”]?$/.test(t);
}

/** A headline: short, no full stop at the end, no dateline ("Annonce date 2018-10 …"). */
function isHeadline(line: string): boolean {
  const t = squash(line);
  return t.length >= 8 && t.length <= 110 && !/[.:]$/.test(t) && !/\bdate\b|\d{4}-\d{2}/i.test(t);
}

/**
 * A title for an article that lost its headline: the quoted name the text keeps returning to,
 * preferring one that shares words with the file name.
 */
export function titleFromText(doc: LoadedDocument, start: number, end: number): string | null {
  const text = doc.lines.slice(start, end + 1).join('\n');
  const slug = new Set(doc.file.toLowerCase().replace(/\.[a-z]+$/, '').split(/[^a-zæøå0-9]+/));
  const quoted = [...text.matchAll(/["“”«]([^"“”«»\n]{3,60})["“”»]/g)].map((m) => squash(m[1]));
  let best: string | null = null;
  let bestScore = 0;
  for (const q of new Set(quoted)) {
    if (!/^\p{Lu}/u.test(q) || q.split(' ').length > 8) continue;
    const occurrences = (foldForMatch(text).match(new RegExp(`${escapeRe(foldForMatch(q))}(?!\\p{L})`, 'gu')) ?? []).length;
    const shared = q.toLowerCase().split(/\s+/).filter((w) => slug.has(w)).length;
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

/** One case per article; a page that announces examples under headings gives one case per example. */
export const article: Layout = {
  detect: () => true,
  segment(doc) {
    const { lines } = doc;
    const announce = lines.findIndex((l) => ANNOUNCES_EXAMPLES.test(squash(l)));
    if (announce >= 0) {
      const examples = examplesAfter(doc, announce);
      if (examples.length >= 2) return examples;
    }
    const blocks = blocksIn(lines);
    if (!blocks.length) return [];
    const start = blocks[0].start;
    const header = lines.findIndex((l, i) => i > start && isContactHeader(l));
    let end = blocks.at(-1)!.end;
    let contacts: DraftCase['contacts'] = null;
    if (header >= 0) {
      const cend = contactBlockEnd(lines, header);
      if (cend > header) {
        contacts = { start: header + 1, end: cend };
        end = cend;
      }
    }
    while (end > start && !isProse(lines[end]) && !contacts) end--;
    const { title, source } = articleTitle(doc, start, end);
    const summaryLine = blocksIn(lines, start, end).find((b) => lines[b.start].length > 120)?.start ?? null;
    return [{
      layout: 'article', title, titleSource: source, start, end, fields: {}, headerOrg: null,
      sections: findSections(lines, start, end, 'Artikel', [/^#{1,6}\s/]), contacts,
      partnersText: null, summaryLine,
    }];
  },
};

/** Example sections after the announcing line: a heading, then its prose paragraphs. */
function examplesAfter(doc: LoadedDocument, announce: number): DraftCase[] {
  const { lines } = doc;
  const isHeading = (i: number) =>
    doc.headingLines.length ? doc.headingLines.includes(i) : isHeadingLine(lines, i) && !isProse(lines[i]);
  const out: DraftCase[] = [];
  for (let i = announce + 1; i < lines.length; i++) {
    if (isBlank(lines[i]) || !isHeading(i)) continue;
    let end = i;
    let summaryLine: number | null = null;
    for (let j = i + 1; j < lines.length; j++) {
      if (isBlank(lines[j])) continue;
      if (isHeading(j) || !isProse(lines[j])) break;
      end = j;
      summaryLine ??= j;
    }
    if (end === i) continue;
    out.push({
      layout: 'page-example', title: squash(lines[i]).replace(/^#+\s*/, ''), titleSource: 'header', start: i, end, fields: {}, headerOrg: null,
      sections: [{ name: 'Beskrivelse', lineStart: i + 1, lineEnd: end + 1 }], contacts: null, partnersText: null, summaryLine,
    });
    i = end;
  }
  return out;
}
