/**
 * Layout-aware PDF loader: pdf.js text items with their positions and fonts →
 * visual lines in reading order (columns read left to right) → running
 * headers, footers and page numbers dropped → the blocks a text file gives:
 * one line per paragraph, headings on their own line, a blank line between
 * blocks, every line with its page. Scanned pages are read by OCR when
 * tesseract is installed. One segmenter then serves every format.
 */
import type { Logger } from '../../log.js';
import { DEFAULT_FURNITURE_OPTIONS, removeFurniture, type FurnitureOptions } from './pdf/furniture.js';
import { vocabulary } from './pdf/hyphens.js';
import { DEFAULT_LINE_OPTIONS, pageLines, pageRows, type LineOptions } from './pdf/lines.js';
import { DEFAULT_OCR_OPTIONS, OCR_INSTALL_HINT, ocrUnavailable, openOcr, type OcrOptions } from './pdf/ocr.js';
import { buildBlocks, DEFAULT_PARAGRAPH_OPTIONS, type ParagraphOptions } from './pdf/paragraphs.js';
import { readPdf } from './pdf/read.js';
import type { Block, PdfPage } from './pdf/types.js';
import { warn, type LoaderInput, type LoaderOutput } from './types.js';

/** Settings of the PDF loader, one group per step, every one given. */
interface ResolvedPdfOptions {
  lines: LineOptions;
  furniture: FurnitureOptions;
  paragraphs: ParagraphOptions;
  ocr: OcrOptions;
}

/** Settings of the PDF loader, one group per step; what is left out has its default. */
export type PdfLoadOptions = { [K in keyof ResolvedPdfOptions]: Partial<ResolvedPdfOptions[K]> };

/**
 * Defaults of `PdfLoadOptions`: each step's own defaults
 * (`DEFAULT_LINE_OPTIONS`, `DEFAULT_FURNITURE_OPTIONS`, `DEFAULT_PARAGRAPH_OPTIONS`, `DEFAULT_OCR_OPTIONS`).
 */
export const DEFAULT_PDF_OPTIONS: Readonly<ResolvedPdfOptions> = {
  lines: DEFAULT_LINE_OPTIONS,
  furniture: DEFAULT_FURNITURE_OPTIONS,
  paragraphs: DEFAULT_PARAGRAPH_OPTIONS,
  ocr: DEFAULT_OCR_OPTIONS,
};

/** Fills in every setting left out, once, at the edge. */
function resolvePdfOptions(given: Partial<PdfLoadOptions> = {}): ResolvedPdfOptions {
  const d = DEFAULT_PDF_OPTIONS;
  return {
    lines: { ...d.lines, ...given.lines },
    furniture: { ...d.furniture, ...given.furniture },
    paragraphs: { ...d.paragraphs, ...given.paragraphs },
    ocr: { ...d.ocr, ...given.ocr },
  };
}

/** Whether OCR can run, per set of tools: asked once per process. */
const ocrChecks = new Map<string, Promise<string | null>>();

function checkOcr(o: OcrOptions): Promise<string | null> {
  const key = JSON.stringify([o.tesseract, o.pdftoppm, o.language]);
  if (!ocrChecks.has(key)) ocrChecks.set(key, ocrUnavailable(o));
  return ocrChecks.get(key)!;
}

function pageList(pages: readonly PdfPage[]): string {
  return `${pages.length === 1 ? 'page' : 'pages'} ${pages.map((p) => p.num).join(', ')}`;
}

/**
 * Reads the pages that paint images but have no text layer (scans) by OCR,
 * in place. Without tesseract they stay empty, with one PDF_OCR_UNAVAILABLE
 * warning that says how to install it.
 */
async function readScans(pages: PdfPage[], input: LoaderInput, o: OcrOptions): Promise<void> {
  const scans = pages.filter((p) => p.items.length === 0 && p.images > 0);
  if (scans.length === 0) return;
  const { file, logger } = input;
  const unavailable = await checkOcr(o);
  if (unavailable) {
    const what = `${pageList(scans)} of ${pages.length} ${scans.length === 1 ? 'is a scan' : 'are scans'} without a text layer`;
    warn(logger, 'PDF_OCR_UNAVAILABLE', file, `${what}; OCR is off (${unavailable}): ${OCR_INSTALL_HINT}`);
    return;
  }
  const session = await openOcr(input.bytes, o);
  try {
    for (const page of scans) {
      try {
        page.items = await session.read(page.num);
        page.ocr = true;
      } catch (error) {
        warn(logger, 'PDF_OCR_FAILED', file, `page ${page.num} of ${pages.length}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await session.close();
  }
  const read = scans.filter((p) => p.ocr);
  if (read.length > 0) logger.info(`${file}: ${pageList(read)} read by OCR`);
}

/** The blocks as the segmenter's lines: a blank line between blocks, headings recorded. */
function toOutput(blocks: readonly Block[], title: string | null): LoaderOutput {
  const lines: string[] = [];
  const pages: number[] = [];
  const headingLines: number[] = [];
  for (const block of blocks) {
    if (lines.length > 0) {
      lines.push('');
      pages.push(pages[pages.length - 1]);
    }
    for (const paragraph of block.paragraphs) {
      if (block.heading) headingLines.push(lines.length);
      lines.push(paragraph.text);
      pages.push(paragraph.page);
    }
  }
  return { kind: 'pdf', lines, pages, linesAreSource: false, headingLines, ...(title ? { title } : {}) };
}

function warnEmptyPages(pages: readonly PdfPage[], file: string, logger: Logger): void {
  for (const page of pages) {
    if (page.items.length > 0) continue;
    const reason = page.ocr ? 'has no text (OCR found none)' : page.images > 0 ? 'has no text layer' : 'has no text';
    warn(logger, 'PDF_EMPTY_PAGE', file, `page ${page.num} of ${pages.length} ${reason}`);
  }
}

/**
 * `.pdf`: paragraphs as lines with `pages[i]` the page of `lines[i]`, heading
 * lines in `headingLines`, the metadata title as `title`. A corrupt PDF gives
 * PDF_UNREADABLE, one that needs a password PDF_ENCRYPTED, one without any
 * text EMPTY_DOCUMENT; a page without text PDF_EMPTY_PAGE.
 */
export async function loadPdf(input: LoaderInput): Promise<LoaderOutput | null> {
  const { file, logger } = input;
  const o = resolvePdfOptions(input.options.pdf);
  const read = await readPdf(input.bytes);
  if (!read.ok) {
    warn(logger, read.encrypted ? 'PDF_ENCRYPTED' : 'PDF_UNREADABLE', file, read.reason);
    return null;
  }
  await readScans(read.pages, input, o.ocr);
  if (read.pages.every((page) => page.items.length === 0)) {
    const scans = read.pages.some((page) => page.images > 0 && !page.ocr);
    const hint = scans ? ' (scanned without a text layer, and not read by OCR)' : '';
    warn(logger, 'EMPTY_DOCUMENT', file, `none of its ${read.pages.length} pages has text${hint}`);
    return null;
  }
  warnEmptyPages(read.pages, file, logger);
  // Furniture goes before columns are looked for, so a running header does not widen a column.
  const { pages: rows } = removeFurniture(
    read.pages.map((page) => pageRows(page, o.lines)),
    o.furniture,
  );
  const lines = read.pages.flatMap((page, i) => pageLines(page, rows[i], o.lines));
  const blocks = buildBlocks(lines, vocabulary(lines.map((l) => l.text)), o.paragraphs);
  return toOutput(blocks, read.title);
}
