/**
 * OCR of a scanned page (one without a text layer) with Debian's tools:
 * `pdftoppm` (poppler-utils) renders the page, `tesseract` reads it, and its
 * words with their boxes become text items, so a scanned page goes through the
 * same line, column and paragraph steps as any other page.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TextItem } from './types.js';

const run = promisify(execFile);

/** Settings of the OCR step; see `DEFAULT_OCR_OPTIONS`. */
export interface OcrOptions {
  /** The tesseract command. */
  tesseract: string;
  /** The pdftoppm command. */
  pdftoppm: string;
  /** Tesseract language (its traineddata must be installed). */
  language: string;
  /** Resolution a page is rendered at for OCR. */
  dpi: number;
  /** Longest time one tool may take for one page. */
  timeoutMs: number;
  /** Threads tesseract may use (OpenMP); more than one mostly waits for the CPU on a busy machine. */
  threads: number;
}

/**
 * Defaults of `OcrOptions`: `tesseract` and `pdftoppm` from the PATH, language
 * `dan` (Danish, package `tesseract-ocr-dan`), 300 dpi, 120 s per tool and page,
 * one thread.
 */
export const DEFAULT_OCR_OPTIONS: Readonly<OcrOptions> = {
  tesseract: 'tesseract',
  pdftoppm: 'pdftoppm',
  language: 'dan',
  dpi: 300,
  timeoutMs: 120_000,
  threads: 1,
};

/** How to install what OCR needs on Debian. */
export const OCR_INSTALL_HINT = 'apt-get install tesseract-ocr tesseract-ocr-dan poppler-utils';

function missing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** Null when OCR can run, else what is missing. */
export async function ocrUnavailable(o: OcrOptions): Promise<string | null> {
  let languages: string;
  try {
    const { stdout } = await run(o.tesseract, ['--list-langs'], { timeout: o.timeoutMs });
    languages = stdout;
  } catch (error) {
    return missing(error) ? `${o.tesseract} is not installed` : `${o.tesseract} --list-langs failed: ${String(error)}`;
  }
  if (!languages.split('\n').some((l) => l.trim() === o.language)) {
    return `tesseract has no "${o.language}" language data`;
  }
  try {
    await run(o.pdftoppm, ['-v'], { timeout: o.timeoutMs });
  } catch (error) {
    if (missing(error)) return `${o.pdftoppm} is not installed`;
  }
  return null;
}

/** One row of tesseract's TSV output. */
interface TsvRow {
  level: number;
  line: string;
  left: number;
  top: number;
  width: number;
  height: number;
  text: string;
}

/**
 * Tesseract's TSV output as text items, one per line it found (its words joined
 * by spaces), in points (the image was rendered at `dpi`). The median line
 * height is taken as the font size; every line stands on the baseline its box
 * top implies, so its descenders do not move it.
 */
export function itemsFromTsv(tsv: string, dpi: number): TextItem[] {
  const rows: TsvRow[] = [];
  for (const raw of tsv.split('\n').slice(1)) {
    const cells = raw.split('\t');
    if (cells.length < 12) continue;
    const [level, , block, par, line, , left, top, width, height] = cells.map(Number);
    rows.push({ level, line: `${block}.${par}.${line}`, left, top, width, height, text: cells.slice(11).join('\t') });
  }
  const words = new Map<string, string[]>();
  for (const r of rows) {
    if (r.level !== 5 || r.text.trim() === '') continue;
    const line = words.get(r.line);
    if (line) line.push(r.text.trim());
    else words.set(r.line, [r.text.trim()]);
  }
  const lines = rows.filter((r) => r.level === 4 && words.has(r.line));
  if (lines.length === 0) return [];
  const heights = lines.map((r) => r.height).sort((a, b) => a - b);
  const lineHeight = heights[Math.floor(heights.length / 2)];
  const scale = 72 / dpi;
  return lines.map((r) => ({
    text: words.get(r.line)!.join(' '),
    x: r.left * scale,
    y: (r.top + 0.8 * lineHeight) * scale,
    width: r.width * scale,
    size: lineHeight * scale,
    bold: false,
    mono: false,
  }));
}

/** A rendered-and-read PDF: `read(page)` gives a page's words; `close()` removes the temporary files. */
export interface OcrSession {
  read(page: number): Promise<TextItem[]>;
  close(): Promise<void>;
}

/** Starts OCR on the PDF in `bytes`: pages are rendered and read one at a time. */
export async function openOcr(bytes: Uint8Array, o: OcrOptions): Promise<OcrSession> {
  const dir = await mkdtemp(join(tmpdir(), 'casechat-ocr-'));
  const pdf = join(dir, 'document.pdf');
  await writeFile(pdf, bytes);
  return {
    async read(page) {
      const image = join(dir, `page-${page}`);
      const range = ['-f', String(page), '-l', String(page)];
      await run(o.pdftoppm, ['-r', String(o.dpi), ...range, '-gray', '-png', '-singlefile', pdf, image], { timeout: o.timeoutMs });
      const { stdout } = await run(o.tesseract, [`${image}.png`, 'stdout', '-l', o.language, 'tsv'], {
        timeout: o.timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        // The child gets this process's environment (PATH, locale) with its thread limit.
        env: { ...process.env, OMP_THREAD_LIMIT: String(o.threads) },
      });
      await rm(`${image}.png`, { force: true });
      return itemsFromTsv(stdout, o.dpi);
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
