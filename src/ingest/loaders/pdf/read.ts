/**
 * Reads a PDF through pdf.js (`pdfjs-dist`): the metadata title, and per page
 * its size, its text items with position, font size and font face, and how
 * many images it paints. pdf.js runs in-process (Node's "fake worker") and
 * reads its standard-font, CMap and WASM data from the installed package, so
 * reading never touches the network.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, OPS, Util, VerbosityLevel, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem as PdfjsTextItem } from 'pdfjs-dist/types/src/display/api.js';
import type { PdfPage, TextItem } from './types.js';

/** Folders of pdf.js data; pdf.js appends file names, so they end in "/". */
function assets(): { standardFontDataUrl: string; cMapUrl: string; wasmUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const folder = (name: string) => `${join(root, name)}/`;
  return { standardFontDataUrl: folder('standard_fonts'), cMapUrl: folder('cmaps'), wasmUrl: folder('wasm') };
}

/** What a PDF holds, or why it could not be read. */
export type ReadResult = { ok: true; title: string | null; pages: PdfPage[] } | { ok: false; encrypted: boolean; reason: string };

const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintInlineImageXObjectGroup,
]);

/** Titles that tools write by default, not a document's own. */
const PLACEHOLDER_TITLE = /^(untitled|unbenannt|uden titel|microsoft word\b.*)$|\.(docx?|odt|indd|pdf|txt|rtf)$/i;

/** The metadata title (Info dictionary, else XMP dc:title), or null when absent or a tool's placeholder. */
function metadataTitle(info: unknown, xmpTitle: unknown): string | null {
  for (const raw of [(info as { Title?: unknown } | null)?.Title, xmpTitle]) {
    if (typeof raw !== 'string') continue;
    const title = raw.replace(/\s+/g, ' ').trim();
    if (title !== '' && !PLACEHOLDER_TITLE.test(title)) return title;
  }
  return null;
}

/** Real font name (e.g. "ABCDEF+Arial-BoldMT") of a pdf.js font id, once the page's fonts are loaded. */
function fontFace(page: PDFPageProxy, id: string): { bold: boolean; mono: boolean } {
  let font: { name?: string; bold?: boolean; black?: boolean; isMonospace?: boolean; fallbackName?: string } | null = null;
  try {
    font = page.commonObjs.has(id) ? page.commonObjs.get(id) : null;
  } catch {
    font = null;
  }
  const name = font?.name ?? '';
  return {
    bold: Boolean(font?.bold || font?.black) || /bold|black|heavy|semibold|demi/i.test(name),
    mono: font?.fallbackName === 'monospace' || /mono|courier|consol/i.test(name),
  };
}

async function readPage(page: PDFPageProxy): Promise<PdfPage> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  // The operator list loads the page's fonts (their names tell bold faces) and shows its images.
  const operators = await page.getOperatorList();
  const images = operators.fnArray.filter((op) => IMAGE_OPS.has(op)).length;
  const faces = new Map<string, { bold: boolean; mono: boolean }>();
  const items: TextItem[] = [];
  for (const raw of content.items) {
    if (!('str' in raw)) continue;
    const item = raw as PdfjsTextItem;
    if (item.str.trim() === '') continue;
    // Into the viewport's space: y downwards, the page's rotation applied.
    const [a, b, c, d, e, f] = Util.transform(viewport.transform, item.transform);
    const size = Math.hypot(c, d);
    // Upright text only: rotated or mirrored runs are margin notes or art, not the body.
    if (size === 0 || Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * size || a <= 0) continue;
    if (!faces.has(item.fontName)) {
      const face = fontFace(page, item.fontName);
      faces.set(item.fontName, { bold: face.bold, mono: face.mono || content.styles[item.fontName]?.fontFamily === 'monospace' });
    }
    const face = faces.get(item.fontName)!;
    items.push({ text: item.str, x: e, y: f, width: item.width, size, bold: face.bold, mono: face.mono });
  }
  return { num: page.pageNumber, width: viewport.width, height: viewport.height, items, images, ocr: false };
}

/**
 * Every page of the PDF in `bytes`. Never throws: a corrupt file, or one that
 * needs a password, comes back as `{ ok: false }` with the reason.
 */
export async function readPdf(bytes: Uint8Array): Promise<ReadResult> {
  const task = getDocument({
    // pdf.js may take ownership of (detach) the array it is given: pass a copy.
    data: new Uint8Array(bytes),
    ...assets(),
    // Errors come back as exceptions; pdf.js must not print anything itself.
    verbosity: VerbosityLevel.ERRORS,
    // Font programs are compiled without eval (the hardening pdf.js recommends for untrusted PDFs).
    isEvalSupported: false,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableFontFace: true,
  });
  try {
    const doc = await task.promise;
    const { info, metadata } = await doc.getMetadata();
    const title = metadataTitle(info, metadata?.get('dc:title'));
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      pages.push(await readPage(page));
      page.cleanup();
    }
    return { ok: true, title, pages };
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, encrypted: name === 'PasswordException', reason: `${name}: ${message}` };
  } finally {
    await task.destroy();
  }
}
