/**
 * HTML loader: the page decoded in the encoding it declares, parsed with linkedom, its furniture
 * removed (`html-clean.ts`), its main content found by Readability, contact boxes put back, and
 * the result written as lines (`html-lines.ts`) with headings recorded in `headingLines`.
 */
import { parseHTML } from 'linkedom';
import { blocksOf, layOut, type MarkedLine } from './html-lines.js';
import { mainContent, pageHeadline, removeFurniture, takeContactBoxes, type ContactBox } from './html-clean.js';
import { decodeBytes } from './text.js';
import { warn, type LoaderInput, type LoaderOutput } from './types.js';

/** Bytes searched for an encoding declaration, as browsers do before parsing. */
const PRESCAN_BYTES = 1024;

/**
 * The encoding a page declares in its first 1024 bytes: `<meta charset="…">`, the HTTP-equiv
 * form `<meta http-equiv="Content-Type" content="text/html; charset=…">`, or an XML declaration.
 * Null when it declares none.
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES));
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:+-]+)/i.exec(head);
  const xml = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([\w.:+-]+)["']/i.exec(head);
  return meta?.[1] ?? xml?.[1] ?? null;
}

const squash = (text: string) => text.replace(/[\s\u00a0]+/g, ' ').trim();

/** The content blocks with each contact box at its mark, and boxes whose mark was dropped at the end. */
function withBoxes(lines: MarkedLine[], boxes: ContactBox[]): MarkedLine[] {
  const placed = new Set<string>();
  const out: MarkedLine[] = [];
  for (const line of lines) {
    const box = boxes.find((b) => line.text === b.mark);
    if (!box) {
      out.push(line);
      continue;
    }
    placed.add(box.mark);
    out.push(...layOut(box.blocks));
  }
  for (const box of boxes) if (!placed.has(box.mark)) out.push({ text: '', level: 0 }, ...layOut(box.blocks));
  return out;
}

/** Collapses runs of blank lines and drops blank lines at either end. */
function tidy(lines: MarkedLine[]): MarkedLine[] {
  const out: MarkedLine[] = [];
  for (const line of lines) {
    if (line.text === '' && (out.length === 0 || out[out.length - 1].text === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1].text === '') out.pop();
  return out;
}

/**
 * The page's title first, as its one level-1 heading: the page's own h1 (Readability turns it
 * into an h2 or drops it), else its `<title>`.
 */
function titled(lines: MarkedLine[], headline: string, title: string): MarkedLine[] {
  const top = headline || title;
  if (!top) return lines;
  const rest = lines.filter((l, i) => !(l.level > 0 && squash(l.text) === top && i === lines.findIndex((x) => x.level > 0)));
  return [{ text: top, level: 1 }, { text: '', level: 0 }, ...rest.map((l) => (l.level === 1 ? { ...l, level: 2 } : l))];
}

/**
 * `.html` / `.htm`: the page's main content as lines, paragraphs separated by one blank line,
 * the page's h1 (or `<title>`) first. Navigation, headers, footers, breadcrumbs, skip links,
 * cookie banners, forms, scripts, images and figure captions are not in it; contact boxes are.
 */
export async function loadHtml(input: LoaderInput): Promise<LoaderOutput | null> {
  const { file, logger, options } = input;
  const html = decodeBytes(input.bytes, file, logger, options.maxControlByteRatio, declaredCharset(input.bytes));
  if (html === null) return null;
  const furniture = options.html;
  const dropLine = (line: string) => furniture.boilerplate.some((pattern) => pattern.test(line));
  let marked: MarkedLine[];
  try {
    const { document } = parseHTML(html);
    const title = squash(document.querySelector('title')?.textContent ?? '');
    const headline = pageHeadline(document);
    removeFurniture(document, furniture);
    const boxes = takeContactBoxes(document, furniture, dropLine);
    const content = layOut(blocksOf(mainContent(document), dropLine));
    marked = tidy(titled(tidy(withBoxes(content, boxes)), headline, title));
  } catch (error) {
    warn(logger, 'UNREADABLE_FILE', file, `HTML conversion failed: ${String(error)}`);
    return null;
  }
  const headingLines: number[] = [];
  const headingLevels: number[] = [];
  marked.forEach((line, i) => {
    if (line.level === 0) return;
    headingLines.push(i);
    headingLevels.push(line.level);
  });
  return { kind: 'html', lines: marked.map((line) => line.text), pages: null, linesAreSource: false, headingLines, headingLevels };
}
