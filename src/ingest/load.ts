/**
 * Ingest stage 1: read the corpus folder into `LoadedDocument`s.
 * Files are dispatched by extension to a loader; a file that cannot be used
 * is skipped with a coded warning naming it, and the rest is still loaded.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
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

/** One megabyte as `MAX_FILE_MB` counts it. */
export const MEGABYTE = 1024 * 1024;

/**
 * Defaults of `LoadOptions`:
 * - `maxControlByteRatio: 0.1` — over 10% control bytes (or any NUL byte) makes a text file binary.
 * - `maxFileBytes: 50 MB` — larger files are skipped (`MAX_FILE_MB`, default 50).
 * - `html.selectors` — `nav`, forms, buttons, scripts, dialogs, iframes and the ARIA roles of
 *   navigation, banners, page footers, search, menus and dialogs.
 * - `html.words` — tags or class/id words of furniture: cookie and consent banners, breadcrumbs,
 *   skip links, menus and navigation, headers and footers, share bars, newsletter sign-ups.
 * - `html.captionWords` — captions and photo credits; `html.contactWords` — contact boxes.
 * - `html.boilerplate` — lines that are furniture whatever the markup: skip links ("Spring til
 *   indhold", "Skip til primært indhold", "Gå direkte til indhold", "Skip to main content"),
 *   cookie texts and consent buttons ("Nødvendige Præferencer Statistik Marketing", "Tillad alle"),
 *   breadcrumbs ("Forside › Innovation", "Du er her: …"), figure captions ("Billede: …", "Foto: …").
 */
export const DEFAULT_LOAD_OPTIONS: Readonly<LoadOptions> = {
  maxControlByteRatio: 0.1,
  maxFileBytes: 50 * MEGABYTE,
  html: {
    selectors: [
      'nav',
      'form',
      'button',
      'script',
      'style',
      'noscript',
      'template',
      'dialog',
      'iframe',
      '[role=navigation]',
      '[role=banner]',
      '[role=contentinfo]',
      '[role=search]',
      '[role=menu]',
      '[role=menubar]',
      '[role=dialog]',
      '[role=alertdialog]',
    ],
    words: [
      'cookie',
      'cookies',
      'cookiebot',
      'cookiebanner',
      'cookieconsent',
      'consent',
      'gdpr',
      'breadcrumb',
      'breadcrumbs',
      'crumbs',
      'brødkrumme',
      'brødkrummesti',
      'brodkrumme',
      'skip',
      'skiplink',
      'skiplinks',
      'skipnav',
      'nav',
      'navbar',
      'navigation',
      'menu',
      'megamenu',
      'submenu',
      'topnav',
      'sidenav',
      'header',
      'masthead',
      'topbar',
      'footer',
      'share',
      'sharing',
      'social',
      'newsletter',
      'nyhedsbrev',
    ],
    captionWords: ['caption', 'captions', 'figcaption', 'billedtekst', 'imagetext', 'credit', 'credits'],
    contactWords: ['contact', 'contacts', 'kontakt', 'kontakter', 'kontaktperson', 'kontaktpersoner', 'kontaktboks', 'vcard'],
    boilerplate: [
      /^(spring|gå|hop|skip|jump)( direkte| videre)? (over |forbi )?(til|to)( det| the)?( primære| primært| sidens| main| hoved)? ?(indhold(et)?|hovedindhold(et)?|navigation(en)?|menu(en)?|content|søgning(en)?|search|sidefod(en)?|footer)$/i,
      /^spring (navigation(en)?|menu(en)?) over$/i,
      /^(?!(?:\S+\s+){40}).*\bcookie/i,
      /^(nødvendige|necessary)\b.*\b(statistik|statistics|marketing)\b/i,
      /^(accepter|afvis|tillad|godkend|accept|allow|deny|reject)( alle| valgte| kun nødvendige| nødvendige| all| selected| necessary)?( cookies)?$/i,
      /^(vis|skjul|show|hide) (detaljer|details)$/i,
      /^du er her\b/i,
      /^[^›»]{1,60}( [›»] [^›»]{1,60}){1,8}$/,
      /^(billede|billeder|foto|fotos|fotograf|illustration|grafik|billedtekst|photo)\s*:/i,
      /^(til toppen|tilbage til toppen|back to top|del (på|via) \S+|del (artiklen|siden)|print( siden)?|udskriv( siden)?)$/i,
    ],
  },
};

/** Fills in every option left out, once, at the edge. */
export function resolveLoadOptions(options: Partial<LoadOptions> = {}): LoadOptions {
  return { ...DEFAULT_LOAD_OPTIONS, ...options };
}

const inMegabytes = (bytes: number) => `${(bytes / MEGABYTE).toFixed(bytes < MEGABYTE ? 3 : 1)} MB`;

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
 * UNSUPPORTED_FILE_TYPE, FILE_TOO_LARGE, UNREADABLE_FILE, EMPTY_DOCUMENT, BINARY_FILE, PDF_UNREADABLE.
 * Options default to `DEFAULT_LOAD_OPTIONS`.
 */
export async function loadDocument(corpusDir: string, relPath: string, logger: Logger, options: Partial<LoadOptions> = {}): Promise<LoadedDocument | null> {
  const file = relPath.split('\\').join('/');
  const ext = extname(file).toLowerCase();
  if (!isSupported(ext)) {
    const supported = Object.keys(LOADERS).join(', ');
    warn(logger, 'UNSUPPORTED_FILE_TYPE', file, `extension "${ext || '(none)'}" is not one of ${supported}`);
    return null;
  }
  const resolved = resolveLoadOptions(options);
  let bytes: Uint8Array;
  try {
    // the size is checked before the file is read: a huge file never reaches memory
    const { size } = await stat(join(corpusDir, file));
    if (size > resolved.maxFileBytes) {
      warn(logger, 'FILE_TOO_LARGE', file, `${inMegabytes(size)} is over the limit of ${inMegabytes(resolved.maxFileBytes)} (MAX_FILE_MB)`);
      return null;
    }
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
  const loaded = await LOADERS[ext]({ file, bytes, options: resolved, logger });
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
export async function loadCorpus(corpusDir: string, logger: Logger, options: Partial<LoadOptions> = {}): Promise<LoadedDocument[]> {
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
