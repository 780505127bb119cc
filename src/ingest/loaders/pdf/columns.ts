/**
 * Column detection from the x-distribution of a page's text: a column gutter
 * is a vertical strip that no (narrow) fragment of text crosses, with text
 * columns on both sides. Tab-aligned page numbers or a table's short cells are
 * not columns: a column is wide and mostly filled by its lines.
 */

/** Horizontal extent of something on the page. */
export interface Span {
  x: number;
  right: number;
}

/** A column of the page: its left and right edge. */
export type Column = Span;

/** Settings of `detectColumns`; see `DEFAULT_COLUMN_OPTIONS`. */
export interface ColumnOptions {
  /** Narrowest gutter, in points. */
  minGutter: number;
  /** Fewest fragments each column must hold. */
  minFragments: number;
  /** Share of the page's fragments each column must hold at least. */
  minShare: number;
  /** Narrowest column, as a share of the text width. */
  minWidthShare: number;
  /** Share of the fragments that may cross a gutter (titles and headers set across the columns). */
  maxCrossingShare: number;
  /** Median fragment width of a column, as a share of the column's width, at least (text columns are filled). */
  minFill: number;
  /** Widest gutter, as a share of the narrower column beside it (a wider gap is a table's, not a gutter). */
  maxGutterShare: number;
}

/**
 * Defaults of `ColumnOptions`:
 * - `minGutter: 6` — 6 pt, about half an em of body text.
 * - `minFragments: 4`, `minShare: 0.15` — each column holds at least 4 fragments and 15 % of them.
 * - `minWidthShare: 0.2` — each column is at least a fifth of the text width.
 * - `maxCrossingShare: 0.1` — up to 10 % of the fragments (at least one) may cross a gutter.
 * - `minFill: 0.5` — half of a column's lines fill at least half its width.
 * - `maxGutterShare: 0.5` — a gutter is at most half as wide as the narrower column.
 */
export const DEFAULT_COLUMN_OPTIONS: Readonly<ColumnOptions> = {
  minGutter: 6,
  minFragments: 4,
  minShare: 0.15,
  minWidthShare: 0.2,
  maxCrossingShare: 0.1,
  minFill: 0.5,
  maxGutterShare: 0.5,
};

function extent(spans: readonly Span[]): Span {
  let x = Infinity;
  let right = -Infinity;
  for (const s of spans) {
    if (s.x < x) x = s.x;
    if (s.right > right) right = s.right;
  }
  return { x, right };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Strips of x, left to right, that at most `allowed` spans cover, between the
 * leftmost and the rightmost text (1-point resolution).
 */
function gutters(spans: readonly Span[], whole: Span, allowed: number): Span[] {
  const origin = Math.floor(whole.x);
  const cover = new Int32Array(Math.ceil(whole.right) - origin + 2);
  for (const s of spans) {
    cover[Math.max(0, Math.round(s.x) - origin)] += 1;
    cover[Math.max(0, Math.round(s.right) - origin)] -= 1;
  }
  const out: Span[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < cover.length - 1; i++) {
    depth += cover[i];
    if (depth <= allowed) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (start > 0) out.push({ x: origin + start, right: origin + i });
      start = -1;
    }
  }
  return out;
}

/** Width of what the spans cover, left edge to right edge. */
function widthOf(spans: readonly Span[]): number {
  const e = extent(spans);
  return e.right - e.x;
}

/**
 * True when `side` (of a candidate gutter) is text in columns: enough fragments,
 * wide enough, and either filled by its lines or itself split into columns.
 */
function isTextSide(side: Span[], all: number, width: number, o: ColumnOptions): boolean {
  if (side.length < o.minFragments || side.length < o.minShare * all) return false;
  const w = widthOf(side);
  if (w < o.minWidthShare * width) return false;
  return median(side.map((s) => s.right - s.x)) >= o.minFill * w || detectColumns(side, o).length > 1;
}

/**
 * The page's columns, left to right, found from its text fragments (runs of
 * text on one baseline without a wide gap). One column when there is no gutter.
 */
export function detectColumns(fragments: readonly Span[], options: Partial<ColumnOptions> = {}): Column[] {
  const o = { ...DEFAULT_COLUMN_OPTIONS, ...options };
  if (fragments.length === 0) return [];
  const whole = extent(fragments);
  const width = whole.right - whole.x;
  const allowed = Math.max(1, Math.floor(o.maxCrossingShare * fragments.length));
  let best: { left: Span[]; right: Span[]; score: number } | null = null;
  for (const gap of gutters(fragments, whole, allowed)) {
    if (gap.right - gap.x < o.minGutter) continue;
    // The few lines that reach into the strip belong to the side they do not cross its middle from.
    const middle = (gap.x + gap.right) / 2;
    const left = fragments.filter((f) => f.right <= middle);
    const right = fragments.filter((f) => f.x >= middle);
    const all = fragments.length;
    if (!isTextSide(left, all, width, o) || !isTextSide(right, all, width, o)) continue;
    const gutter = extent(right).x - extent(left).right;
    if (gutter > o.maxGutterShare * Math.min(widthOf(left), widthOf(right))) continue;
    const score = Math.min(left.length, right.length);
    if (!best || score > best.score) best = { left, right, score };
  }
  if (!best) return [whole];
  // Either side may itself hold columns (three-column pages).
  return [...detectColumns(best.left, o), ...detectColumns(best.right, o)];
}

/**
 * Index of the column that holds `span`, or -1 when it crosses the middle of a
 * gutter (a title or a header set across the columns).
 */
export function columnOf(span: Span, columns: readonly Column[]): number {
  if (columns.length <= 1) return columns.length - 1;
  const middles = columns.slice(1).map((c, i) => (columns[i].right + c.x) / 2);
  const first = middles.findIndex((m) => span.x < m);
  const column = first < 0 ? columns.length - 1 : first;
  return column === columns.length - 1 || span.right <= middles[column] ? column : -1;
}
