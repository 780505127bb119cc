import { isBlank, isUpperLine, joinBrokenWords, sentenceCaseFromCaps, squash, trigramSimilarity } from '../../text/normalize.js';
import { blocksIn, contactBlockEnd, hasContactDetail, isContactHeader } from '../blocks.js';
import type { DraftCase, Layout } from '../draft.js';
import { findSections } from '../sections.js';
import { readToc, TOC_LINES, tocFrom, type TocEntry } from '../toc.js';

// Catalogue sections are marked with a trailing ">": "Hvorfor >", "Hvem >", "Konkret >", "Gode råd >", "Links >", "Kontakt >".
const MARKED = /^\s*\p{Lu}[\p{L} ]{1,20}\s>\s*$/u;
const FIRST_SECTION = /^\s*hvorfor\s*>\s*$/i;
const PARTNERS = /^\s*hvem\s*>/i;

function isTitleLine(line: string): boolean {
  const t = squash(line);
  return t.length > 0 && t.length <= 60 && !/[.!?,:;]$/.test(t) && !/\d/.test(t) && !hasContactDetail(t) && !MARKED.test(t);
}

/** The best table-of-contents title for the big-letter title lines (in order, fuzzy: the letters are broken). */
function properTitle(raw: string, toc: TocEntry[], used: Set<number>): string | null {
  let best = -1;
  let score = 0;
  toc.forEach((e, k) => {
    if (used.has(k)) return;
    const s = trigramSimilarity(raw, e.title);
    if (s > score) [best, score] = [k, s];
  });
  if (best < 0 || score < 0.45) return null;
  used.add(best);
  return toc[best].title;
}

/** Catalogues: big-letter titles, an intro paragraph and sections marked "Hvorfor >", "Hvem >" … "Kontakt >". */
export const catalogue: Layout = {
  detect(doc, region) {
    let marks = 0;
    for (let i = region.start; i <= region.end && marks < 2; i++) if (FIRST_SECTION.test(doc.lines[i])) marks++;
    return marks >= 2;
  },
  segment(doc, region) {
    const { lines } = doc;
    const toc = readToc(
      lines,
      TOC_LINES,
      tocFrom(lines, region, (l) => FIRST_SECTION.test(l)),
    );
    const used = new Set<number>();
    const starts: Array<{ start: number; title: string; titleSource: DraftCase['titleSource']; intro: number }> = [];
    for (let h = region.start; h <= region.end; h++) {
      if (!FIRST_SECTION.test(lines[h])) continue;
      const blocks = blocksIn(lines, region.start, h - 1);
      // intro paragraph(s) directly above "Hvorfor >", then the title lines above them
      let k = blocks.length - 1;
      while (k >= 0 && !lines.slice(blocks[k].start, blocks[k].end + 1).every(isTitleLine)) k--;
      const intro = blocks[k + 1]?.start ?? h;
      const titleLines: number[] = [];
      for (; k >= 0; k--) {
        const b = blocks[k];
        const text = lines.slice(b.start, b.end + 1);
        if (!text.every(isTitleLine)) break;
        for (let i = b.end; i >= b.start; i--) titleLines.unshift(i);
      }
      if (!titleLines.length || !titleLines.some((i) => isUpperLine(lines[i]))) continue;
      const raw = joinBrokenWords(squash(titleLines.map((i) => lines[i]).join(' ')));
      const fromToc = properTitle(raw, toc, used);
      starts.push({
        start: titleLines[0],
        title: fromToc ?? (isUpperLine(raw) ? sentenceCaseFromCaps(raw) : raw),
        titleSource: fromToc ? 'toc' : 'header',
        intro,
      });
    }
    return starts.map((s, k): DraftCase => {
      let end = (starts[k + 1]?.start ?? region.end + 1) - 1;
      while (end > s.start && isBlank(lines[end])) end--;
      const header = lines.findIndex((l, i) => i > s.intro && i <= end && isContactHeader(l));
      const contacts = header >= 0 ? { start: header + 1, end: contactBlockEnd(lines, header, end) } : null;
      // the contact block closes a case: the last one ends there when another part of the document follows
      if (k === starts.length - 1 && contacts && region.end < lines.length - 1) end = contacts.end;
      const hvem = lines.findIndex((l, i) => i > s.intro && i <= end && PARTNERS.test(l));
      const hvemText = hvem >= 0 ? partnerText(lines, hvem, end) : null;
      return {
        layout: 'catalogue',
        title: s.title,
        titleSource: s.titleSource,
        start: s.start,
        end,
        fields: {},
        headerOrg: null,
        sections: findSections(lines, s.start, end, 'Indledning', [MARKED], s.intro),
        contacts,
        partnersText: hvemText,
        summaryLine: s.intro,
      };
    });
  },
};

/** The list after "Hvem >" (on the same line or the next paragraph), cut before any following "Konkret >". */
function partnerText(lines: string[], hvem: number, end: number): string | null {
  const same = lines[hvem].replace(PARTNERS, '').trim();
  const text =
    same ||
    blocksIn(lines, hvem + 1, end)
      .map((b) => lines.slice(b.start, b.end + 1).join(' '))
      .at(0) ||
    '';
  return text.split(/\s\p{Lu}[\p{L} ]{1,20}\s>\s/u)[0].trim() || null;
}
