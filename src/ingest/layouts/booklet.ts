import { alnumKey, diceSimilarity, isBlank, isUpperLine, squash, trigrams } from '../../text/normalize.js';
import { blocksIn, contactBlockEnd, isContactHeader } from '../blocks.js';
import type { DraftCase, Layout } from '../draft.js';
import { findSections } from '../sections.js';
import { readToc, TOC_LINES, tocFrom, type TocEntry } from '../toc.js';

// "INDSTILLER: Furesø Kommune" — labelled header fields of a long booklet case.
const FIELD = /^([A-ZÆØÅ]{4,}):\s*(.+)$/;
const NOMINATOR = /^INDSTILLER:/;
// Short everyday-innovation cases: "Hvad skal du vide, hvis du vil genbruge innovationen?"
const REUSE = /^hvad skal du vide\b.*genbruge/i;

function isTitleLike(line: string): boolean {
  const t = squash(line);
  return t.length > 0 && t.length <= 100 && !/[.!?”"*:]$/.test(t) && !/^[”"*]/.test(t) && !isUpperLine(t);
}

/** The title lines just above a header anchor: up to two short blocks. */
function titleAbove(lines: string[], anchor: number, floor: number): { start: number; parts: string[] } | null {
  const blocks = blocksIn(lines, floor, anchor - 1);
  const parts: string[] = [];
  let start = -1;
  for (let k = blocks.length - 1; k >= 0 && parts.length < 2; k--) {
    const b = blocks[k];
    const text = lines.slice(b.start, b.end + 1);
    if (text.length > 1 || !isTitleLike(text[0])) break;
    parts.unshift(squash(text[0]));
    start = b.start;
  }
  return parts.length ? { start, parts } : null;
}

/** Start of the pull quote above the title: the block after the previous case, never a banner. */
function quoteStart(lines: string[], titleStart: number, floor: number): number {
  const blocks = blocksIn(lines, floor, titleStart - 1);
  const b = blocks.at(-1);
  if (!b) return titleStart;
  const text = lines.slice(b.start, b.end + 1);
  if (text.every(isUpperLine) || text.some((l) => l.includes('\t'))) return titleStart;
  return b.start;
}

/** Joins a title split over two lines, using the table of contents' punctuation when it has the title. */
function joinTitle(parts: string[], toc: TocEntry[]): { title: string; fromToc: boolean } {
  if (parts.length === 1) return { title: parts[0], fromToc: false };
  const key = alnumKey(parts.join(' '));
  const hit = toc.find((e) => alnumKey(e.title) === key);
  if (hit) return { title: hit.title, fromToc: true };
  const dashed = /^[-–]\s*/.test(parts[1]);
  return { title: dashed ? `${parts[0]} – ${parts[1].replace(/^[-–]\s*/, '')}` : parts.join(': '), fromToc: false };
}

/** Award booklets: long cases with INDSTILLER/MÅLGRUPPE/ÅRSTAL headers, short cases with an organisation line in capitals. */
export const booklet: Layout = {
  detect(doc, region) {
    let marks = 0;
    for (let i = region.start; i <= region.end && marks < 2; i++) if (NOMINATOR.test(doc.lines[i]) || REUSE.test(doc.lines[i].trim())) marks++;
    return marks >= 2;
  },
  segment(doc, region) {
    const { lines } = doc;
    const toc = readToc(
      lines,
      TOC_LINES,
      tocFrom(lines, region, (l) => NOMINATOR.test(l) || REUSE.test(l.trim())),
    );
    const cases: DraftCase[] = [];
    let prevEnd = region.start - 1;
    for (let h = region.start; h <= region.end; h++) {
      if (!isContactHeader(lines[h]) || !/genbruge|kontakte/i.test(lines[h])) continue;
      const end = contactBlockEnd(lines, h, region.end);
      const draft = caseIn(lines, prevEnd + 1, h, end, toc, cases.length, region.start);
      if (draft) cases.push(draft);
      prevEnd = end;
      h = end;
    }
    return cases;
  },
};

function caseIn(lines: string[], floor: number, header: number, end: number, toc: TocEntry[], index: number, regionStart: number): DraftCase | null {
  const contacts = { start: header + 1, end };
  let anchor = -1;
  for (let i = floor; i < header; i++) if (NOMINATOR.test(lines[i])) anchor = i;
  if (anchor >= 0) {
    const t = titleAbove(lines, anchor, floor);
    if (!t) return null;
    const start = quoteStart(lines, t.start, floor);
    const fields: Record<string, string> = {};
    let i = anchor;
    for (; i < header; i++) {
      const m = FIELD.exec(lines[i].trim());
      if (m) fields[m[1]] = squash(m[2]);
      else if (!isBlank(lines[i])) break;
    }
    const { title, fromToc } = joinTitle(t.parts, toc);
    return {
      layout: 'booklet-long',
      title,
      titleSource: fromToc ? 'toc' : 'header',
      start,
      end,
      fields,
      headerOrg: null,
      sections: findSections(lines, start, end, 'Indledning', [], i),
      contacts,
      partnersText: findSectionText(lines, i, header, /^hvem har samarbejdet/i),
      summaryLine: i,
    };
  }
  let reuse = -1;
  for (let k = floor; k < header && reuse < 0; k++) if (REUSE.test(lines[k].trim())) reuse = k;
  if (reuse >= 0) {
    // title line, then the organisation in capitals
    for (let i = floor; i < reuse; i++) {
      if (isBlank(lines[i]) || !isTitleLike(lines[i])) continue;
      const next = blocksIn(lines, i + 1, reuse).at(0);
      if (!next || next.start !== next.end || !isUpperLine(lines[next.start])) continue;
      const body = blocksIn(lines, next.end + 1, reuse).at(0);
      const sections = findSections(lines, i, end, 'Beskrivelse', [REUSE], next.end + 1);
      return {
        layout: 'booklet-short',
        title: squash(lines[i]),
        titleSource: 'header',
        start: i,
        end,
        fields: {},
        headerOrg: squash(lines[next.start]),
        sections,
        contacts,
        partnersText: null,
        summaryLine: body ? body.start : null,
      };
    }
  }
  // A case that lost its header in extraction: its title comes from the table of contents.
  if (floor === regionStart) return null;
  const first = blocksIn(lines, floor, header).find((b) => !lines.slice(b.start, b.end + 1).every(isUpperLine));
  if (!first) return null;
  const text = lines.slice(first.start, end + 1).join(' ');
  const candidates = toc[index] ? [toc[index], ...toc] : toc;
  const scores = mentions(
    text,
    candidates.map((e) => e.title),
  );
  const best = candidates.map((e, i) => ({ e, score: scores[i] })).sort((a, b) => b.score - a.score)[0];
  if (!best || best.score < 0.6) return null;
  const summary = blocksIn(lines, first.start, header).find((b) => lines[b.start].length > 120);
  return {
    layout: 'booklet-long',
    title: best.e.title,
    titleSource: 'toc',
    start: first.start,
    end,
    fields: {},
    headerOrg: null,
    sections: findSections(lines, first.start, end, 'Indledning'),
    contacts,
    partnersText: findSectionText(lines, first.start, header, /^hvem har samarbejdet/i),
    summaryLine: summary ? summary.start : null,
  };
}

/**
 * How well a case text mentions each title: best trigram similarity of the title against
 * same-length word windows. The words are folded once, and each window's trigrams made once for
 * all titles of its length: a window's key is its words' keys joined, as `alnumKey` drops spaces.
 */
function mentions(text: string, titles: string[]): number[] {
  const keys = text.split(/\s+/).map(alnumKey);
  const best = titles.map(() => 0);
  const byLength = new Map<number, Array<{ at: number; grams: Map<string, number> }>>();
  titles.forEach((title, at) => {
    const n = Math.max(1, title.split(/\s+/).length);
    byLength.set(n, [...(byLength.get(n) ?? []), { at, grams: trigrams(alnumKey(title)) }]);
  });
  for (const [n, group] of byLength) {
    for (let i = 0; i + n <= keys.length; i++) {
      const window = trigrams(keys.slice(i, i + n).join(''));
      for (const { at, grams } of group) best[at] = Math.max(best[at], diceSimilarity(window, grams));
    }
  }
  return best;
}

/** The text of the section whose heading matches `heading`: its first paragraphs. */
export function findSectionText(lines: string[], from: number, to: number, heading: RegExp): string | null {
  const h = lines.findIndex((l, k) => k >= from && k < to && heading.test(l.trim()));
  if (h < 0) return null;
  const out: string[] = [];
  for (const b of blocksIn(lines, h + 1, to)) {
    const text = lines.slice(b.start, b.end + 1).join(' ');
    if (text.length < 70 && out.length) break;
    out.push(text);
    if (out.length >= 2) break;
  }
  return out.join(' ') || null;
}
