/**
 * PDF fixtures made at test time: a typeset two-column layout drawn with
 * pdf-lib (running header, page numbers, words hyphenated at line ends),
 * corpus text files turned into PDFs by LibreOffice, a scanned page (a
 * rendered page embedded as an image, with no text layer), and a PDF locked
 * with a password.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, PDFHexString, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

const run = promisify(execFile);

/** One piece of a typeset flow: the title across both columns, a heading, or a paragraph. */
export interface FlowPart {
  kind: 'title' | 'heading' | 'paragraph' | 'lines';
  /** Text; "~" marks where a word may be hyphenated at a line end; "\n" breaks the lines of a 'lines' part. */
  text: string;
}

/** A line as drawn, for checking what the fixture holds. */
export interface DrawnLine {
  page: number;
  text: string;
  x: number;
  /** Baseline from the top of the page. */
  top: number;
}

/** Geometry of the two-column layout (A4, points). */
export const TWO_COLUMNS = {
  width: 420,
  height: 420,
  margin: 40,
  gutter: 20,
  columnWidth: 160,
  top: 60,
  bottom: 330,
  header: 30,
  pageNumber: 400,
  body: { size: 9, leading: 12 },
  heading: { size: 11, leading: 14 },
  title: { size: 18, leading: 22 },
  /** Extra space between paragraphs (not at the top of a column). */
  paragraphSpace: 6,
} as const;

/**
 * Breaks `text` into lines no wider than `width`: words move to the next line
 * whole, except that a word with "~" is hyphenated there when its first part and
 * a hyphen still fit, and a word with a hyphen may break after it.
 */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const whole = word.replaceAll('~', '');
    const candidate = line === '' ? whole : `${line} ${whole}`;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    // The longest head of the word that fits with its hyphen: at a "~" (hyphen added) or after a "-".
    let placed = false;
    for (let i = word.length - 1; i > 0 && !placed; i--) {
      if (word[i] !== '~' && word[i - 1] !== '-') continue;
      const head = word.slice(0, i).replaceAll('~', '') + (word[i] === '~' ? '-' : '');
      const rest = word.slice(word[i] === '~' ? i + 1 : i).replaceAll('~', '');
      if (head.endsWith('--')) continue;
      const withHead = line === '' ? head : `${line} ${head}`;
      if (fits(withHead)) {
        lines.push(withHead);
        line = rest;
        placed = true;
      }
    }
    if (placed) continue;
    if (line !== '') lines.push(line);
    line = whole;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * A document in two columns: a running header on every page, the page number
 * at the bottom, the title across both columns on page 1, then headings and
 * paragraphs flowing down the left column, the right column, the next page.
 * Returns the PDF and every line drawn.
 */
export async function makeTwoColumnPdf(parts: readonly FlowPart[], header: string, metadataTitle: string): Promise<{ bytes: Uint8Array; drawn: DrawnLine[] }> {
  const g = TWO_COLUMNS;
  const doc = await PDFDocument.create();
  doc.setTitle(metadataTitle);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const drawn: DrawnLine[] = [];
  let page: PDFPage;
  let column = 0;
  let top = 0;
  let columnTop = 0;
  let atColumnTop = true;
  const draw = (text: string, x: number, baseline: number, size: number, font: PDFFont) => {
    page.drawText(text, { x, y: g.height - baseline, size, font });
    drawn.push({ page: doc.getPageCount(), text, x, top: baseline });
  };
  const newPage = () => {
    page = doc.addPage([g.width, g.height]);
    const n = doc.getPageCount();
    // Running header: left on odd pages, right on even ones; page number centred at the bottom.
    const headerWidth = regular.widthOfTextAtSize(header, 8);
    draw(header, n % 2 === 1 ? g.margin : g.width - g.margin - headerWidth, g.header, 8, regular);
    draw(String(n), (g.width - regular.widthOfTextAtSize(String(n), 8)) / 2, g.pageNumber, 8, regular);
    column = 0;
    top = g.top;
    columnTop = g.top;
    atColumnTop = true;
  };
  newPage();
  for (const part of parts) {
    if (part.kind === 'title') {
      for (const line of wrap(part.text, bold, g.title.size, g.width - 2 * g.margin)) {
        top += g.title.leading;
        draw(line, g.margin, top, g.title.size, bold);
      }
      top += g.title.leading;
      columnTop = top;
      continue;
    }
    const { size, leading } = part.kind === 'heading' ? g.heading : g.body;
    const font = part.kind === 'heading' ? bold : regular;
    if (!atColumnTop) top += g.paragraphSpace;
    const lines = part.kind === 'lines' ? part.text.split('\n') : wrap(part.text, font, size, g.columnWidth);
    for (const line of lines) {
      if (top + leading > g.bottom) {
        if (column === 0) {
          column = 1;
          top = columnTop;
        } else {
          newPage();
        }
        atColumnTop = true;
      }
      top += leading;
      draw(line, g.margin + column * (g.columnWidth + g.gutter), top, size, font);
      atColumnTop = false;
    }
  }
  return { bytes: await doc.save(), drawn };
}

/** Converts text files to PDFs with LibreOffice (headless); returns the PDFs' paths, in order. */
export async function convertWithLibreOffice(files: readonly string[], outDir: string): Promise<string[]> {
  // A profile of its own, so a LibreOffice running elsewhere on the machine does not take the job.
  const profile = await mkdtemp(join(tmpdir(), 'casechat-soffice-'));
  try {
    await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files], {
      timeout: 300_000,
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  return files.map((f) => join(outDir, basename(f).replace(/\.[^.]+$/, '.pdf')));
}

/**
 * A scanned copy of page `pageNumber` of the PDF at `pdfPath`: the page is
 * rendered to a PNG (pdftoppm) and embedded as the only content of a page of
 * the same size, so the new PDF has no text layer.
 */
export async function makeScannedPdf(pdfPath: string, pageNumber: number, dpi = 200): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'casechat-scan-'));
  try {
    const image = join(dir, 'page');
    await run('pdftoppm', ['-r', String(dpi), '-f', String(pageNumber), '-l', String(pageNumber), '-gray', '-png', '-singlefile', pdfPath, image]);
    const source = await PDFDocument.load(await readFile(pdfPath));
    const { width, height } = source.getPage(pageNumber - 1).getSize();
    const doc = await PDFDocument.create();
    const png = await doc.embedPng(await readFile(`${image}.png`));
    doc.addPage([width, height]).drawImage(png, { x: 0, y: 0, width, height });
    return await doc.save();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A one-page PDF locked with a user password (standard security handler,
 * revision 2): a reader without the password cannot open it.
 */
export async function makeEncryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('Fortrolig indstilling', { x: 56, y: 780, size: 12, font });
  const { context } = doc;
  const id = PDFHexString.of('00112233445566778899aabbccddeeff');
  context.trailerInfo.ID = context.obj([id, id]);
  // Owner and user password hashes that no empty password matches.
  context.trailerInfo.Encrypt = context.register(
    context.obj({ Filter: 'Standard', V: 1, R: 2, Length: 40, P: -44, O: PDFHexString.of('ab'.repeat(32)), U: PDFHexString.of('cd'.repeat(32)) }),
  );
  return doc.save({ useObjectStreams: false });
}
