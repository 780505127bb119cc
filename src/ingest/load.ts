/**
 * Ingest stage 1: read the corpus folder into `LoadedDocument`s.
 * Files are dispatched by extension to a loader; a file that cannot be used
 * is skipped with a coded warning naming it, and the rest is still loaded.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CasechatError } from '../errors.js';
import type { Logger } from '../log.js';
import type { LoadedDocument } from '../types.js';
import { loadHtml } from './loaders/html.js';
import { loadPdf } from './loaders/pdf.js';
import { loadMarkdown, loadPlainText } from './loaders/text.js';
import { warn, type Loader, type LoadOptions } from './loaders/types.js';

export type { LoadOptions } from './loaders/types.js';

/** File extensions casechat can read (lower case, with the dot). */
export type SupportedExtension = '.txt' | '.md' | '.pdf' | '.html' | '.htm';

/** The loader for each supported extension. */
export const LOADERS: Readonly<Record<SupportedExtension, Loader>> = {
  '.txt': loadPlainText,
  '.md': loadMarkdown,
  '.pdf': loadPdf,
  '.html': loadHtml,
  '.htm': loadHtml,
};

/**
 * Defaults of `LoadOptions`:
 * - `maxControlByteRatio: 0.1` — over 10% control bytes (or any NUL byte) makes a text file binary.
 * - `htmlSkipSelectors` — `nav`, `header`, `footer`, `aside`, `form`, `button`, `script`,
 *   `style`, `noscript`, `template`, `[role=navigation]`, and elements whose id or class
 *   mentions "cookie" (consent banners).
 * - `htmlBoilerplate` — skip links ("Spring til indhold", "Skip to content") and cookie
 *   notices ("Vi bruger cookies…", "We use cookies…", "Accepter alle cookies").
 */
export const DEFAULT_LOAD_OPTIONS: Readonly<LoadOptions> = {
  maxControlByteRatio: 0.1,
  htmlSkipSelectors: [
    'nav',
    'header',
    'footer',
    'aside',
    'form',
    'button',
    'script',
    'style',
    'noscript',
    'template',
    '[role=navigation]',
    '[id*=cookie]',
    '[class*=cookie]',
  ],
  htmlBoilerplate: [
    /^(spring|gå|hop) (over )?til (indhold|hovedindhold|sidens indhold|navigation|menu)$/i,
    /^skip (to )?(main )?(content|navigation)$/i,
    /^(vi|denne (hjemme)?side|hjemmesiden|sitet|siden) (bruger|anvender) cookies/i,
    /^(we|this (web)?site) uses? cookies/i,
    /^(accepter|afvis|tillad)( alle| kun nødvendige| nødvendige)? cookies$/i,
  ],
};

/** Fills in every option left out, once, at the edge. */
export function resolveLoadOptions(options: Partial<LoadOptions> = {}): LoadOptions {
  return { ...DEFAULT_LOAD_OPTIONS, ...options };
}

function isSupported(ext: string): ext is SupportedExtension {
  return Object.hasOwn(LOADERS, ext);
}

/** Every file under `dir` (recursively), as forward-slash paths, dotfiles and dot-folders skipped. */
async function listFiles(root: string, relDir = ''): Promise<string[]> {
  const entries = await readdir(join(root, relDir), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const relPath = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFiles(root, relPath)));
    else files.push(relPath);
  }
  return files;
}

/**
 * Loads one file, `relPath` under `corpusDir` (forward slashes). Returns null,
 * after a warning naming the file and the reason, when the file is skipped:
 * UNSUPPORTED_FILE_TYPE, UNREADABLE_FILE, EMPTY_DOCUMENT, BINARY_FILE, PDF_UNREADABLE.
 * Options default to `DEFAULT_LOAD_OPTIONS`.
 */
export async function loadDocument(
  corpusDir: string,
  relPath: string,
  logger: Logger,
  options: Partial<LoadOptions> = {},
): Promise<LoadedDocument | null> {
  const file = relPath.split('\\').join('/');
  const ext = extname(file).toLowerCase();
  if (!isSupported(ext)) {
    const supported = Object.keys(LOADERS).join(', ');
    warn(logger, 'UNSUPPORTED_FILE_TYPE', file, `extension "${ext || '(none)'}" is not one of ${supported}`);
    return null;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(join(corpusDir, file)));
  } catch (error) {
    warn(logger, 'UNREADABLE_FILE', file, error instanceof Error ? error.message : String(error));
    return null;
  }
  if (bytes.length === 0) {
    warn(logger, 'EMPTY_DOCUMENT', file, 'the file is empty (0 bytes)');
    return null;
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  const loaded = await LOADERS[ext]({ file, bytes, options: resolveLoadOptions(options), logger });
  if (loaded === null) return null;
  if (loaded.lines.every((line) => line.trim() === '')) {
    warn(logger, 'EMPTY_DOCUMENT', file, 'the file has no text, only whitespace');
    return null;
  }
  return { file, ...loaded, hash };
}

/**
 * Loads every file under `corpusDir`, recursively, in sorted path order
 * (dotfiles skipped). Files that cannot be used are skipped with a warning
 * through `logger` (see `loadDocument`); the others are returned.
 * Throws UNREADABLE_FILE when `corpusDir` itself cannot be listed.
 * Options default to `DEFAULT_LOAD_OPTIONS`.
 */
export async function loadCorpus(
  corpusDir: string,
  logger: Logger,
  options: Partial<LoadOptions> = {},
): Promise<LoadedDocument[]> {
  const resolved = resolveLoadOptions(options);
  let files: string[];
  try {
    files = await listFiles(corpusDir);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CasechatError('UNREADABLE_FILE', 'ingest/load', `corpus folder ${corpusDir}: ${reason}`);
  }
  // Code-unit order, not locale order: the same corpus always loads in the same order.
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const documents: LoadedDocument[] = [];
  for (const file of files) {
    const document = await loadDocument(corpusDir, file, logger, resolved);
    if (document) documents.push(document);
  }
  logger.info(`loaded ${documents.length} of ${files.length} files from ${corpusDir}`);
  return documents;
}
