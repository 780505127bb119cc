/**
 * Page furniture: running headers and footers (the same line at the same
 * height on many pages, page numbers allowed to differ) and bare page numbers
 * at the top or bottom of a page. Only the lines nearest a page's edges are
 * candidates, so body text that happens to repeat stays.
 */

/** What furniture is looked for among: a page's text on one baseline. */
export interface Placed {
  text: string;
  page: number;
  /** Baseline, from the top of the page. */
  y: number;
}

/** Settings of `removeFurniture`; see `DEFAULT_FURNITURE_OPTIONS`. */
export interface FurnitureOptions {
  /** Lines at each edge (top and bottom) of a page that may be furniture. */
  edgeLines: number;
  /** Fewest pages a running line must stand on. */
  minPages: number;
  /** Share of the document's pages a running line must stand on, at least. */
  minShare: number;
  /** Two lines stand at the same height when their baselines differ by at most this (points). */
  tolerance: number;
}

/**
 * Defaults of `FurnitureOptions`:
 * - `edgeLines: 2` — the two topmost and the two lowest lines of each page.
 * - `minPages: 3`, `minShare: 0.25` — on 3 pages and a quarter of the pages (2 of 2 in a two-page document).
 * - `tolerance: 2` — 2 pt.
 */
export const DEFAULT_FURNITURE_OPTIONS: Readonly<FurnitureOptions> = {
  edgeLines: 2,
  minPages: 3,
  minShare: 0.25,
  tolerance: 2,
};

/** "Side 3", "- 3 -", "3 / 12", "12": a page number and nothing else. */
const PAGE_NUMBER = /^(?:side|page|s\.)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:af|of|\/)\s*\d{1,4})?$/i;

/** A line's text with its numbers masked, so "Side 3" and "Side 4" are one running footer. */
export function furnitureKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** The lines nearest the top and the bottom of one page. */
function edgeLinesOf<T extends Placed>(lines: readonly T[], count: number): T[] {
  const byY = [...lines].sort((a, b) => a.y - b.y);
  if (byY.length <= 2 * count) return byY;
  return [...byY.slice(0, count), ...byY.slice(-count)];
}

/** True when `line` is the topmost or the lowest line of its page. */
function atExtremeEdge(line: Placed, lines: readonly Placed[]): boolean {
  return lines.every((l) => l.y >= line.y) || lines.every((l) => l.y <= line.y);
}

/**
 * The pages' rows without their furniture, and the rows removed. `pages[i]`
 * holds the rows of one page; the order is kept.
 */
export function removeFurniture<T extends Placed>(pages: readonly (readonly T[])[], options: Partial<FurnitureOptions> = {}): { pages: T[][]; removed: T[] } {
  const o = { ...DEFAULT_FURNITURE_OPTIONS, ...options };
  const withText = pages.filter((p) => p.length > 0).length;
  const need = Math.max(2, Math.min(o.minPages, withText), Math.ceil(o.minShare * withText));
  const candidates = pages.map((lines) => edgeLinesOf(lines, o.edgeLines));
  const all = candidates.flat();
  const furniture = new Set<T>();
  for (const line of all) {
    const key = furnitureKey(line.text);
    const onPages = new Set(all.filter((l) => Math.abs(l.y - line.y) <= o.tolerance && furnitureKey(l.text) === key).map((l) => l.page));
    if (onPages.size >= need) furniture.add(line);
  }
  pages.forEach((lines, i) => {
    for (const line of candidates[i]) {
      if (PAGE_NUMBER.test(line.text.trim()) && atExtremeEdge(line, lines)) furniture.add(line);
    }
  });
  return {
    pages: pages.map((lines) => lines.filter((l) => !furniture.has(l))),
    removed: pages.flatMap((lines) => lines.filter((l) => furniture.has(l))),
  };
}
