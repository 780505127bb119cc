/**
 * Visual lines → the blocks a text file would have: paragraphs from vertical
 * gaps measured against the body's line pitch, lines broken on purpose (an
 * address, a list) told from wrapped ones by whether the next line's first
 * word would have fitted, headings from a larger size or a bold face.
 */
import { joinLines, type Vocabulary } from './hyphens.js';
import type { Block, Line } from './types.js';

/** Settings of `buildBlocks`; see `DEFAULT_PARAGRAPH_OPTIONS`. */
export interface ParagraphOptions {
  /** A gap between baselines above this multiple of the usual line pitch starts a new block. */
  paragraphGap: number;
  /** Lines set at least this multiple of the body size are headings. */
  headingSizeRatio: number;
  /** A bold line of body size and at most this many characters is a heading (when the body is not bold). */
  boldHeadingMaxChars: number;
  /** Words after a line-end hyphen that mark it as a suspended one ("sundheds- og"): the space stays. */
  spacedAfterHyphen: readonly string[];
  /** A text frame with fewer lines than this does not show where its lines wrap: its margins are taken as symmetric. */
  minFrameLines: number;
}

/**
 * Defaults of `ParagraphOptions`:
 * - `paragraphGap: 1.3` — a blank line (2×) or paragraph spacing (≥ 1.4× in most layouts) splits; leading does not.
 * - `headingSizeRatio: 1.15`, `boldHeadingMaxChars: 80`.
 * - `spacedAfterHyphen: ['og', 'eller', 'samt', 'and', 'or']`.
 * - `minFrameLines: 10`.
 */
export const DEFAULT_PARAGRAPH_OPTIONS: Readonly<ParagraphOptions> = {
  paragraphGap: 1.3,
  headingSizeRatio: 1.15,
  boldHeadingMaxChars: 80,
  spacedAfterHyphen: ['og', 'eller', 'samt', 'and', 'or'],
  minFrameLines: 10,
};

/** The body text's size and its line pitch (baseline to baseline) as a multiple of the size. */
export interface TextStats {
  bodySize: number;
  bodyBold: boolean;
  leading: number;
}

/**
 * The usual line pitch among `ratios` (pitch / size, in steps of 0.05): the
 * smallest value that a fair share of the pairs have, not merely the most
 * common one, because in a text of one-line paragraphs the pitch across a
 * blank line is the most common.
 */
function usualLeading(ratios: number[], fallback: number): number {
  const counts = new Map<number, number>();
  for (const r of ratios) counts.set(r, (counts.get(r) ?? 0) + 1);
  const most = Math.max(0, ...counts.values());
  const supported = [...counts].filter(([, n]) => n >= Math.max(2, 0.2 * most)).map(([r]) => r);
  return supported.length > 0 ? Math.min(...supported) : fallback;
}

/** Body size (the size most characters have), whether the body is bold, and the usual leading. */
export function textStats(lines: readonly Line[]): TextStats {
  const bySize = new Map<number, number>();
  const boldBySize = new Map<number, number>();
  for (const l of lines) {
    bySize.set(l.size, (bySize.get(l.size) ?? 0) + l.text.length);
    if (l.bold) boldBySize.set(l.size, (boldBySize.get(l.size) ?? 0) + l.text.length);
  }
  const bodySize = [...bySize].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 10;
  const bodyBold = (boldBySize.get(bodySize) ?? 0) > 0.5 * (bySize.get(bodySize) ?? 0);
  const ratios: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i - 1], lines[i]];
    if (a.page !== b.page || a.column !== b.column || a.size !== b.size || b.y <= a.y) continue;
    const r = (b.y - a.y) / a.size;
    if (r >= 0.8 && r <= 3) ratios.push(Math.round(r * 20) / 20);
  }
  return { bodySize, bodyBold, leading: usualLeading(ratios, 1.2) };
}

/** Where the text frame a line is set in ends on the right, and where its first and last lines stand. */
interface Frame {
  right: number;
  top: number;
  bottom: number;
}

/** Lines that share a text frame, with the frame's extent. */
interface Cluster extends Frame {
  lines: Line[];
  left: number;
  columns: number;
}

/**
 * Text frames of the document: lines in the same column of pages with the
 * same number of columns and (within 3 pt) the same left edge share one, so a
 * page with only short lines still knows how wide its lines could have been.
 * A frame of a few lines on a page of one column takes the narrowest frame of
 * many lines with the same left edge that its lines fit (the last page of a
 * two-column text), else symmetric margins.
 */
export function textFrames(lines: readonly Line[], minFrameLines = DEFAULT_PARAGRAPH_OPTIONS.minFrameLines): Map<Line, Frame> {
  const groups = new Map<string, Line[]>();
  for (const l of lines) {
    const key = `${l.columns}:${l.column}`;
    const group = groups.get(key);
    if (group) group.push(l);
    else groups.set(key, [l]);
  }
  const clusters: Cluster[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => a.colLeft - b.colLeft);
    let start = 0;
    for (let i = 1; i <= group.length; i++) {
      if (i < group.length && group[i].colLeft - group[i - 1].colLeft <= 3) continue;
      const cluster = group.slice(start, i);
      clusters.push({
        lines: cluster,
        left: cluster[0].colLeft,
        columns: cluster[0].columns,
        right: Math.max(...cluster.map((l) => l.colRight)),
        top: Math.min(...cluster.map((l) => l.y)),
        bottom: Math.max(...cluster.map((l) => l.y)),
      });
      start = i;
    }
  }
  const out = new Map<Line, Frame>();
  for (const c of clusters) {
    let right = c.right;
    if (c.columns === 1 && c.lines.length < minFrameLines) {
      const fitting = clusters.filter((d) => d.lines.length >= minFrameLines && Math.abs(d.left - c.left) <= 3 && d.right >= c.right - 0.5).map((d) => d.right);
      right = fitting.length > 0 ? Math.min(...fitting) : Math.max(c.right, ...c.lines.map((l) => l.pageWidth - l.colLeft));
    }
    for (const l of c.lines) out.set(l, { right, top: c.top, bottom: c.bottom });
  }
  return out;
}

type Break = 'none' | 'line' | 'block';

/**
 * Where a column's first line `b` would stand without space above it: beside the
 * other columns' first lines of its size on the page (below any text across the
 * columns), or, on a page of one column, where its text frame starts on any page.
 */
function expectedTop(b: Line, onPage: readonly Line[], frame: Frame): number {
  if (b.columns < 2 || b.column < 0) return frame.top;
  const ceiling = Math.max(-Infinity, ...onPage.filter((l) => l.column === -1 && l.y < b.y).map((l) => l.y));
  const beside = onPage.filter((l) => l.column >= 0 && l.column !== b.column && l.size === b.size && l.y > ceiling);
  return beside.length > 0 ? Math.min(...beside.map((l) => l.y)) : frame.top;
}

/** The end of a sentence or a lead-in: a full stop, question or exclamation mark, colon or semicolon, maybe quoted. */
const SENTENCE_END = /[.!?:;]["”’)]?$/;

/** "- ", "• ", "1. ", "a) ": a list item's marker, as a kind ("n" for any number). */
function listMarker(text: string): string | null {
  const m = /^(?:([-–•▪*·])|(\d{1,2})[.)]|([a-z])\))\s/.exec(text);
  if (!m) return null;
  return m[1] ?? (m[2] ? 'n' : 'a');
}

/** True when `b` is the next item of the list whose item `paragraph` is (same kind of marker). */
function nextItem(paragraph: string, b: Line): boolean {
  const marker = listMarker(b.text);
  return marker !== null && listMarker(paragraph) === marker;
}

/**
 * True when `b` opens a new list item although `a` reaches the line end: it
 * starts with a list marker, and `a` ends a sentence or `paragraph` (the one
 * `a` ends) is an item of the same list.
 */
function opensItem(a: Line, b: Line, paragraph: string): boolean {
  return listMarker(b.text) !== null && (SENTENCE_END.test(a.text) || nextItem(paragraph, b));
}

/** True when the first word of `b` would have fitted at the end of `a`: `a` was broken on purpose. */
function fitsAfter(a: Line, b: Line, frameRight: number): boolean {
  return a.right + a.space + b.firstWord <= frameRight + 0.5;
}

/**
 * Splits the document's lines (reading order, furniture removed) into blocks:
 * a blank line in the output between blocks, one output line per paragraph.
 * Broken words are joined against `known` (see `joinLines`).
 */
export function buildBlocks(lines: readonly Line[], known: Vocabulary, options: Partial<ParagraphOptions> = {}): Block[] {
  const o = { ...DEFAULT_PARAGRAPH_OPTIONS, ...options };
  const stats = textStats(lines);
  const frames = textFrames(lines, o.minFrameLines);
  const byPage = new Map<number, Line[]>();
  for (const l of lines) {
    const page = byPage.get(l.page);
    if (page) page.push(l);
    else byPage.set(l.page, [l]);
  }
  const isHeading = (l: Line) =>
    l.size >= o.headingSizeRatio * stats.bodySize || (l.bold && !stats.bodyBold && l.size >= 0.95 * stats.bodySize && l.text.length <= o.boldHeadingMaxChars);

  const breakBetween = (a: Line, b: Line, paragraph: string): Break => {
    if (Math.abs(a.size - b.size) > 0.1 * Math.max(a.size, b.size) || isHeading(a) !== isHeading(b)) return 'block';
    const pitch = stats.leading * Math.max(a.size, b.size);
    const [frameA, frameB] = [frames.get(a)!, frames.get(b)!];
    const runsOn = !fitsAfter(a, b, frameA.right) && !opensItem(a, b, paragraph);
    if (a.page === b.page && b.y > a.y) {
      if (b.y - a.y > o.paragraphGap * pitch) return 'block';
      return runsOn ? 'none' : 'line';
    }
    // A new column or page. Space left below the last line, or above the first,
    // is a blank line; so is the end of a sentence, unless the list goes on (the
    // space above a paragraph is not set at the top of a column); otherwise a
    // full last line runs on.
    const spaceAbove = b.y - expectedTop(b, byPage.get(b.page)!, frameB);
    if (frameA.bottom - a.y > o.paragraphGap * pitch || spaceAbove > 0.5 * pitch) return 'block';
    if (runsOn) return 'none';
    return SENTENCE_END.test(a.text) && !nextItem(paragraph, b) ? 'block' : 'line';
  };

  const blocks: Block[] = [];
  lines.forEach((b, i) => {
    const cut = i === 0 ? 'block' : breakBetween(lines[i - 1], b, blocks.at(-1)!.paragraphs.at(-1)!.text);
    if (cut === 'block') {
      // A style change always cuts, so a block's lines are all headings or none.
      blocks.push({ paragraphs: [{ text: b.text, page: b.page }], heading: isHeading(b) });
      return;
    }
    const block = blocks.at(-1)!;
    const last = block.paragraphs.at(-1)!;
    // A heading's lines are one title however they were broken.
    if (cut === 'line' && !block.heading) block.paragraphs.push({ text: b.text, page: b.page });
    else last.text = joinLines(last.text, b.text, known, o.spacedAfterHyphen);
  });
  return blocks;
}
