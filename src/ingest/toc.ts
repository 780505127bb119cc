import { squash } from '../text/normalize.js';

import type { Region } from './draft.js';

/** Lines searched for a table of contents. */
export const TOC_LINES = 200;

/**
 * Where to look for the table of contents of a part of a document: the `TOC_LINES` lines before
 * the part's first case mark (`isMark`), not before the region's start.
 */
export function tocFrom(lines: string[], region: Region, isMark: (line: string) => boolean): number {
  let mark = region.start;
  while (mark <= region.end && !isMark(lines[mark])) mark++;
  return Math.max(region.start, mark - TOC_LINES);
}

/** One table-of-contents entry: a title and its page number. */
export interface TocEntry {
  title: string;
  page: number;
  /** 0-based line index of the entry. */
  line: number;
}

/**
 * Reads table-of-contents entries near the start of a document (or of the part from line `from`):
 * "• Title<TAB>12" (booklets) or "12<TAB>Title" (catalogues). Section headings without a bullet
 * in a bulleted table are left out, so the entries are the cases.
 */
export function readToc(lines: string[], searchLines = TOC_LINES, from = 0): TocEntry[] {
  const bulleted: TocEntry[] = [];
  const numberFirst: TocEntry[] = [];
  const limit = Math.min(lines.length, from + searchLines);
  for (let i = from; i < limit; i++) {
    const line = lines[i];
    const b = /^\s*[•·▪-]\s*(.+?)\s*\t\s*(\d{1,3})\s*$/.exec(line);
    if (b) {
      bulleted.push({ title: squash(b[1]), page: Number(b[2]), line: i });
      continue;
    }
    const n = /^\s*(\d{1,3})\s*\t\s*(.+?)\s*$/.exec(line);
    if (n) numberFirst.push({ title: squash(n[2]), page: Number(n[1]), line: i });
  }
  return bulleted.length >= numberFirst.length ? bulleted : numberFirst;
}
