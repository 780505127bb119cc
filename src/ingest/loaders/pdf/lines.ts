/**
 * Visual lines of one page in reading order: items on one baseline form a
 * row; a wide gap in a row separates fragments (a tab stop or a column
 * gutter); columns are found from the fragments' x-distribution, and each
 * column is read top to bottom, left column first. Text that crosses a
 * gutter (a title over both columns) is read where it stands, between the
 * column bands above and below it.
 */
import { columnOf, detectColumns, type Column, type ColumnOptions } from './columns.js';
import type { Line, PdfPage, TextItem } from './types.js';

/** Settings of `pageLines`; see `DEFAULT_LINE_OPTIONS`. */
export interface LineOptions {
  /** Two items on one baseline further apart than this many ems are separate fragments, joined by a tab. */
  tabGapEm: number;
  /** Two items further apart than this many ems have a space between them. */
  spaceGapEm: number;
  /** Items whose baselines differ by at most this many ems are on one row. */
  baselineToleranceEm: number;
  /** Width of a space in a proportional font, in ems (a monospaced font's is its character width). */
  spaceEm: number;
  columns: Partial<ColumnOptions>;
}

/**
 * Defaults of `LineOptions`:
 * - `tabGapEm: 1` — a gap wider than one em is a tab stop or a gutter, never a word space.
 * - `spaceGapEm: 0.15` — narrower gaps are kerning inside a word.
 * - `baselineToleranceEm: 0.35`.
 * - `spaceEm: 0.28` — the space of Helvetica, Arial and their kin.
 * - `columns: {}` — `DEFAULT_COLUMN_OPTIONS`.
 */
export const DEFAULT_LINE_OPTIONS: Readonly<LineOptions> = {
  tabGapEm: 1,
  spaceGapEm: 0.15,
  baselineToleranceEm: 0.35,
  spaceEm: 0.28,
  columns: {},
};

/** Items on one baseline without a wide gap between them. */
export interface Fragment {
  items: TextItem[];
  x: number;
  right: number;
  y: number;
  /** Index of the row (baseline) the fragment is on. */
  row: number;
}

/** Groups items into rows of one baseline, top to bottom, each row left to right. */
export function rows(items: readonly TextItem[], toleranceEm = DEFAULT_LINE_OPTIONS.baselineToleranceEm): TextItem[][] {
  const sorted = items.filter((i) => i.text.trim() !== '').sort((a, b) => a.y - b.y || a.x - b.x);
  const out: TextItem[][] = [];
  let row: TextItem[] = [];
  let rowY = 0;
  let rowSize = 0;
  for (const item of sorted) {
    if (row.length > 0 && item.y - rowY <= toleranceEm * Math.min(rowSize, item.size)) {
      row.push(item);
      continue;
    }
    if (row.length > 0) out.push(row.sort((a, b) => a.x - b.x));
    row = [item];
    rowY = item.y;
    rowSize = item.size;
  }
  if (row.length > 0) out.push(row.sort((a, b) => a.x - b.x));
  return out;
}

function fragmentsOf(row: TextItem[], rowIndex: number, tabGapEm: number): Fragment[] {
  const out: Fragment[] = [];
  for (const item of row) {
    const last = out.at(-1);
    const gap = last ? item.x - last.right : Infinity;
    if (last && gap <= tabGapEm * Math.max(item.size, last.items.at(-1)!.size)) {
      last.items.push(item);
      last.right = Math.max(last.right, item.x + item.width);
    } else {
      out.push({ items: [item], x: item.x, right: item.x + item.width, y: item.y, row: rowIndex });
    }
  }
  return out;
}

/**
 * True when the gap between two items is a tab stop, not a word space: wider
 * than `tabGapEm`, or, in monospaced text, off the character grid (a tab stop
 * that happens to be narrower than a space).
 */
function isTab(left: TextItem, right: TextItem, gap: number, tabGapEm: number): boolean {
  if (gap > tabGapEm * Math.max(left.size, right.size)) return true;
  if (!left.mono || !right.mono || left.text.length === 0) return false;
  const cells = gap / (left.width / left.text.length);
  return Math.abs(cells - Math.round(cells)) > 0.05;
}

/** The text of items on one baseline: a tab or a space where they stand apart, nothing where they touch. */
export function joinItems(items: readonly TextItem[], o: Pick<LineOptions, 'spaceGapEm' | 'tabGapEm'> = DEFAULT_LINE_OPTIONS): string {
  let text = '';
  let previous: TextItem | null = null;
  for (const item of items) {
    const gap = previous ? item.x - (previous.x + previous.width) : 0;
    if (previous && gap > 0.02 * item.size && isTab(previous, item, gap, o.tabGapEm)) text = `${text.trimEnd()}\t`;
    else if (previous && gap > o.spaceGapEm * item.size && !/\s$/.test(text) && !/^\s/.test(item.text)) text += ' ';
    text += previous && text.endsWith('\t') ? item.text.trimStart() : item.text;
    previous = item;
  }
  return text.replace(/[ \u00a0]+/g, ' ').trim();
}

/** Character widths (em) of a typical sans-serif, from Helvetica's metrics rounded; other letters take their case's default. */
const CHAR_EM: Record<string, number> = (() => {
  const table: Record<string, number> = {};
  const set = (chars: string, em: number) => {
    for (const c of chars) table[c] = em;
  };
  set(" ijl.,:;'!|", 0.25);
  set('ftrI()[]-/', 0.33);
  set('sckvxyzJ"?', 0.5);
  set('mæ', 0.86);
  set('wMWÆ', 0.8);
  return table;
})();

function charEm(c: string): number {
  if (CHAR_EM[c] !== undefined) return CHAR_EM[c];
  if (/\p{Lu}/u.test(c)) return 0.68;
  return 0.56;
}

/**
 * Width of the first word of an item: pdf.js measures whole items, so the
 * item's width is shared out by typical character widths (exact for a
 * monospaced font, within a few percent for others).
 */
export function firstWordWidth(item: TextItem): number {
  const text = item.text.trimStart();
  const word = /^\S*/.exec(text)![0];
  if (word === '' || text.length === 0) return 0;
  if (item.mono) return (item.width * word.length) / item.text.length;
  const share = (s: string) => [...s].reduce((n, c) => n + charEm(c), 0);
  return (item.width * share(word)) / share(item.text);
}

/** The value most characters of the items have. */
function dominant<T>(items: readonly TextItem[], key: (item: TextItem) => T): T {
  const weight = new Map<T, number>();
  for (const item of items) weight.set(key(item), (weight.get(key(item)) ?? 0) + item.text.trim().length);
  return [...weight].sort((a, b) => b[1] - a[1])[0][0];
}

/** A column with its index among the page's columns (-1: across them) and their number. */
interface Placed extends Column {
  index: number;
  of: number;
}

/** Builds a line from the fragments of one row inside one column (tab-separated). */
function lineOf(fragments: Fragment[], page: PdfPage, column: Placed, o: LineOptions): Line {
  const items = fragments.flatMap((f) => f.items);
  const text = fragments.map((f) => joinItems(f.items, o)).join('\t');
  const size = dominant(items, (i) => Math.round(i.size * 10) / 10);
  const boldChars = items.filter((i) => i.bold).reduce((n, i) => n + i.text.trim().length, 0);
  const allChars = items.reduce((n, i) => n + i.text.trim().length, 0);
  const mono = items.filter((i) => i.mono);
  const space = mono.length > 0 ? mono[0].width / Math.max(1, mono[0].text.length) : o.spaceEm * size;
  return {
    text,
    page: page.num,
    x: fragments[0].x,
    right: fragments.at(-1)!.right,
    y: Math.min(...fragments.map((f) => f.y)),
    size,
    bold: boldChars >= 0.8 * allChars,
    firstWord: firstWordWidth(items[0]),
    space,
    colLeft: column.x,
    colRight: column.right,
    column: column.index,
    columns: column.of,
    pageWidth: page.width,
  };
}

/** Lines of the fragments in reading order: grouped by row, rows top to bottom. */
function linesOf(fragments: Fragment[], page: PdfPage, column: Placed, o: LineOptions): Line[] {
  const byRow = new Map<number, Fragment[]>();
  for (const f of fragments) {
    const row = byRow.get(f.row);
    if (row) row.push(f);
    else byRow.set(f.row, [f]);
  }
  return [...byRow.keys()].sort((a, b) => a - b).map((r) => lineOf(byRow.get(r)!, page, column, o));
}

/** All the text on one baseline of a page: its fragments, left to right, and their text tab-separated. */
export interface Row {
  page: number;
  /** Baseline, from the top of the page. */
  y: number;
  text: string;
  fragments: Fragment[];
}

/** The page's rows, top to bottom (running headers and footers are found among them before columns are). */
export function pageRows(page: PdfPage, options: Partial<LineOptions> = {}): Row[] {
  const o = { ...DEFAULT_LINE_OPTIONS, ...options };
  return rows(page.items, o.baselineToleranceEm).map((items, r) => {
    const fragments = fragmentsOf(items, r, o.tabGapEm);
    const text = fragments.map((f) => joinItems(f.items, o)).join('\t');
    return { page: page.num, y: Math.min(...items.map((i) => i.y)), text, fragments };
  });
}

/**
 * The visual lines of a page's rows in reading order. On a page with columns,
 * text that crosses a gutter closes the band of columns above it: the band is
 * read column by column, then the crossing line, then the next band.
 */
export function pageLines(page: PdfPage, rowsOfPage: readonly Row[], options: Partial<LineOptions> = {}): Line[] {
  const o = { ...DEFAULT_LINE_OPTIONS, ...options };
  const fragments = rowsOfPage.flatMap((row) => row.fragments);
  if (fragments.length === 0) return [];
  const found = detectColumns(fragments, o.columns);
  const columns: Placed[] = found.map((c, index) => ({ ...c, index, of: found.length }));
  if (columns.length === 1) return linesOf(fragments, page, columns[0], o);
  const whole: Placed = { x: columns[0].x, right: columns.at(-1)!.right, index: -1, of: columns.length };
  const out: Line[] = [];
  let band: Fragment[][] = columns.map(() => []);
  const flush = () => {
    band.forEach((inColumn, c) => {
      out.push(...linesOf(inColumn, page, columns[c], o));
    });
    band = columns.map(() => []);
  };
  const spanning: Fragment[] = [];
  for (const f of [...fragments].sort((a, b) => a.row - b.row || a.x - b.x)) {
    const c = columnOf(f, columns);
    if (c >= 0) {
      if (spanning.length > 0) out.push(...linesOf(spanning.splice(0), page, whole, o));
      band[c].push(f);
      continue;
    }
    if (band.some((b) => b.length > 0)) flush();
    spanning.push(f);
  }
  flush();
  if (spanning.length > 0) out.push(...linesOf(spanning, page, whole, o));
  return out;
}
