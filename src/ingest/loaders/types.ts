/**
 * The seam between `load.ts` and the per-format loaders: what a loader gets
 * (the file's bytes, the resolved options, the logger) and what it gives back.
 */
import type { ErrorCode } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { LoadedDocument } from '../../types.js';
import type { PdfLoadOptions } from './pdf.js';
import type { HtmlFurniture } from './html-clean.js';

/** Options of `loadCorpus` / `loadDocument`; see `DEFAULT_LOAD_OPTIONS` in `load.ts`. */
export interface LoadOptions {
  /**
   * Share (0–1) of control bytes (other than tab, newline, carriage return,
   * vertical tab and form feed) above which a text file is reported as BINARY_FILE.
   * A NUL byte makes a file binary whatever this ratio.
   */
  maxControlByteRatio: number;
  /** Files larger than this many bytes are skipped with FILE_TOO_LARGE (`MAX_FILE_MB`). */
  maxFileBytes: number;
  /** How web pages' furniture (menus, footers, cookie banners …), captions and contact boxes are recognised. */
  html: HtmlFurniture;
  /** Settings of the PDF loader's steps; each left out has its default (`DEFAULT_PDF_OPTIONS`). */
  pdf?: Partial<PdfLoadOptions>;
}

/** What a loader receives for one file. */
export interface LoaderInput {
  /** Path under the corpus folder, with forward slashes. */
  file: string;
  /** The file's bytes (never empty: empty files are rejected before dispatch). */
  bytes: Uint8Array;
  options: LoadOptions;
  logger: Logger;
}

/** What a loader returns: the document without `file` and `hash`, which `load.ts` fills in. */
export type LoaderOutput = Omit<LoadedDocument, 'file' | 'hash'>;

/**
 * A loader turns bytes into lines. It returns null after warning (with the file
 * and the reason) when the file cannot be used; it never throws for bad input.
 */
export type Loader = (input: LoaderInput) => Promise<LoaderOutput | null>;

/** Reports a non-fatal issue about `file` through the injected logger. */
export function warn(logger: Logger, code: ErrorCode, file: string, message: string): void {
  logger.warn({ code, file, message });
}
