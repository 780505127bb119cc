/**
 * PDF loader on pdf-parse 2.x (`PDFParse` over pdf.js): text lines page by
 * page, each with its 1-based page number. pdf.js runs in-process (Node's
 * "fake worker") and reads its standard-font, CMap and WASM data from the
 * installed `pdfjs-dist` folder, so parsing never touches the network.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PDFParse, VerbosityLevel } from 'pdf-parse';
import { warn, type LoaderInput, type LoaderOutput } from './types.js';

interface PdfjsAssets {
  standardFontDataUrl: string;
  cMapUrl: string;
  wasmUrl: string;
}

let assets: PdfjsAssets | null = null;

/**
 * Local folders of pdf.js data. Without `standardFontDataUrl`, pdf.js cannot
 * load metrics for the 14 standard fonts (warning hidden at pdf-parse's default
 * verbosity). pdf.js concatenates file names onto these, so they end in "/".
 */
function pdfjsAssets(): PdfjsAssets {
  if (assets) return assets;
  // Resolve pdfjs-dist from pdf-parse's own location: it is pdf-parse's dependency, not ours.
  const fromPdfParse = createRequire(createRequire(import.meta.url).resolve('pdf-parse'));
  const root = dirname(fromPdfParse.resolve('pdfjs-dist/package.json'));
  const folder = (name: string) => `${join(root, name)}/`;
  assets = {
    standardFontDataUrl: folder('standard_fonts'),
    cMapUrl: folder('cmaps'),
    wasmUrl: folder('wasm'),
  };
  return assets;
}

interface PageText {
  /** 1-based page number. */
  num: number;
  lines: string[];
}

/** Per-page text, or the reason the PDF could not be parsed. */
async function extractPages(bytes: Uint8Array): Promise<PageText[] | Error> {
  const parser = new PDFParse({
    // pdf.js may take ownership of (detach) the array it is given: pass a copy.
    data: new Uint8Array(bytes),
    ...pdfjsAssets(),
    // Errors come back as exceptions; pdf.js must not print anything itself.
    verbosity: VerbosityLevel.ERRORS,
    // Font programs are compiled without eval (the hardening pdf.js recommends for untrusted PDFs).
    isEvalSupported: false,
    useSystemFonts: false,
    useWorkerFetch: false,
  });
  try {
    const result = await parser.getText();
    return result.pages.map((page) => ({
      num: page.num,
      lines: page.text
        .split('\n')
        .map((line) => line.trimEnd())
        .filter((line) => line.trim() !== ''),
    }));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    await parser.destroy();
  }
}

/**
 * `.pdf`: extracted lines (trailing spaces trimmed, blank lines dropped) with
 * `pages[i]` the page of `lines[i]`. A page without text gives PDF_EMPTY_PAGE;
 * a PDF with no text at all gives EMPTY_DOCUMENT; a corrupt one PDF_UNREADABLE.
 */
export async function loadPdf(input: LoaderInput): Promise<LoaderOutput | null> {
  const { file, logger } = input;
  const extracted = await extractPages(input.bytes);
  if (extracted instanceof Error) {
    warn(logger, 'PDF_UNREADABLE', file, `${extracted.name}: ${extracted.message}`);
    return null;
  }
  if (extracted.every((page) => page.lines.length === 0)) {
    const count = extracted.length;
    warn(logger, 'EMPTY_DOCUMENT', file, `none of its ${count} pages has text (scanned without a text layer?)`);
    return null;
  }
  const lines: string[] = [];
  const pages: number[] = [];
  for (const page of extracted) {
    if (page.lines.length === 0) {
      warn(logger, 'PDF_EMPTY_PAGE', file, `page ${page.num} of ${extracted.length} has no text`);
    }
    for (const line of page.lines) {
      lines.push(line);
      pages.push(page.num);
    }
  }
  return { kind: 'pdf', lines, pages, linesAreSource: false, headingLines: [] };
}
