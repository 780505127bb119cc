import { squash } from '../text/normalize.js';

/** One table-of-contents entry: a title and its page number. */
export interface TocEntry {
  title: string;
  page: number;
  /** 0-based line index of the entry. */
  line: number;
}

/**
 * Reads table-of-contents entries near the start of a document:
 * "• Title<TAB>12" (booklets) or "12<TAB>Title" (catalogues). Section headings without a bullet
 * in a bulleted table are left out, so the entries are the cases.
 */
export function readToc(lines: string[], searchLines = 200): TocEntry[] {
  const bulleted: TocEntry[] = [];
  const numberFirst: TocEntry[] = [];
  const limit = Math.min(lines.length, searchLines);
  for (let i = 0; i < limit; i++) {
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
