import { existsSync, readdirSync } from 'node:fs';
import { appendFile, copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { parseArgs, runCli } from '../src/cli-args.js';
import { loadConfig } from '../src/config.js';
import { CasechatError } from '../src/errors.js';
import { loadCorpus } from '../src/ingest/load.js';
import { segmentCorpus } from '../src/ingest/segment.js';
import { readToc } from '../src/ingest/toc.js';
import { memoryLogger } from '../src/log.js';
import { alnumKey, trigramSimilarity } from '../src/text/normalize.js';
import type { Case, LoadedDocument } from '../src/types.js';

/**
 * `npx tsx scripts/scale-corpus.ts --factor 20 --out <dir>`: writes the corpus N times into
 * `<dir>/copy-01/ … copy-NN/`, each copy varied so that no two files are byte-identical, then
 * segments the result and checks that every copy still yields every case. With `--single-file`,
 * the copies of the text documents are written one after another into one file,
 * `<dir>/corpus-xN.txt` (other formats still go to the copy folders): the case of one very large file.
 *
 * How a copy differs (deterministic, from the copy number k alone):
 * - the copy number is appended to each case title, as ` (k)`, on the title line and in the table of
 *   contents, so case ids and titles differ between copies;
 * - municipality and region names are rotated through fixed lists (Aarhus → Vejle …);
 * - some everyday content words are swapped for near-synonyms from a fixed list.
 * The structure the segmenter relies on (headers, field labels, contact headings, line breaks)
 * is never touched: substitutions are whole words inside lines.
 */

/** Options of `scaleCorpus`. */
export interface ScaleOptions {
  /** The corpus to copy. */
  corpusDir: string;
  /** The folder to write; must not exist or be empty. */
  outDir: string;
  /** Number of copies. Default 20. */
  factor: number;
  /** Write the copies of the text documents into one file, `corpus-x<factor>.txt`. Default false. */
  singleFile: boolean;
}

/** Defaults of `ScaleOptions`: factor 20, one folder per copy. */
export const defaultScaleOptions = { factor: 20, singleFile: false } satisfies Partial<ScaleOptions>;

/** What `scaleCorpus` wrote and what the segmenter found in it. */
export interface ScaleReport {
  factor: number;
  files: number;
  bytes: number;
  /** Cases in the source corpus. */
  sourceCases: number;
  /** Cases the segmenter finds in the scaled corpus, and the number expected (factor × sourceCases). */
  cases: number;
  expected: number;
  /** Copies whose case count differs from the source's, with their count. */
  badCopies: Array<{ copy: string; cases: number }>;
  /** Case ids given to more than one case. */
  duplicateIds: number;
  /** Cases whose title carries their copy number. */
  tagged: number;
  /** Titles (first few) that do not carry it. */
  untagged: string[];
  uniqueIds: boolean;
  /** The one file the text copies were written to (singleFile), or null. */
  singleFile: string | null;
  /** True when no two files of the scaled corpus and the source have the same bytes. */
  distinctFiles: boolean;
  /** Files copied unchanged because their format is not text (PDF). */
  unchanged: string[];
  millis: number;
}

// Municipalities (nominative; a genitive -s is kept). "Vejen" is only a target: as a source it would hit the noun "vejen".
const MUNICIPALITIES = [
  'København',
  'Aarhus',
  'Odense',
  'Aalborg',
  'Frederiksberg',
  'Herning',
  'Roskilde',
  'Kolding',
  'Silkeborg',
  'Furesø',
  'Stevns',
  'Rudersdal',
  'Lejre',
  'Guldborgsund',
  'Lolland',
  'Halsnæs',
  'Fredericia',
  'Kalundborg',
  'Holbæk',
  'Vordingborg',
  'Syddjurs',
  'Ringsted',
  'Morsø',
  'Hvidovre',
  'Skanderborg',
  'Hjørring',
  'Egedal',
  'Vejle',
  'Randers',
  'Esbjerg',
  'Viborg',
  'Horsens',
  'Næstved',
  'Slagelse',
  'Sønderborg',
  'Svendborg',
  'Gentofte',
  'Gladsaxe',
  'Vejen',
];
const REGIONS = ['Region Hovedstaden', 'Region Sjælland', 'Region Syddanmark', 'Region Midtjylland', 'Region Nordjylland'];

// Lower-case content words and near-synonyms; none occurs in a header, label or contact heading the layouts look for.
const WORDS: Record<string, string[]> = {
  borgere: ['indbyggere', 'brugere', 'beboere'],
  borgerne: ['indbyggerne', 'brugerne', 'beboerne'],
  medarbejdere: ['ansatte', 'kolleger', 'fagfolk'],
  medarbejderne: ['de ansatte', 'kollegerne', 'fagfolkene'],
  projektet: ['indsatsen', 'initiativet', 'forløbet'],
  løsningen: ['redskabet', 'modellen', 'tilbuddet'],
  hverdagen: ['dagligdagen', 'dagliglivet'],
  erfaringer: ['indsigter', 'lærdomme', 'resultater'],
  udvikle: ['skabe', 'bygge', 'forme'],
  vigtigt: ['afgørende', 'centralt', 'væsentligt'],
  mulighed: ['chance', 'lejlighed'],
  hurtigt: ['hurtigere', 'straks'],
  stor: ['betydelig', 'markant'],
  nye: ['friske', 'andre'],
  gode: ['fine', 'stærke'],
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The substitution of copy k: one regex over every name and word, and what each match becomes. */
function substitution(k: number): { pattern: RegExp; replace: (word: string, genitive: string) => string } {
  const map = new Map<string, string>();
  // a rotation by 1..n-1 places: a bijection that never maps a name to itself
  const shift = (list: string[]) => 1 + ((k - 1) % (list.length - 1));
  const rotate = (list: string[], sources: string[]) => {
    const s = shift(list);
    for (const name of sources) {
      const target = list[(list.indexOf(name) + s) % list.length];
      map.set(name, target);
      map.set(name.toUpperCase(), target.toUpperCase());
    }
  };
  rotate(REGIONS, REGIONS);
  rotate(
    MUNICIPALITIES,
    MUNICIPALITIES.filter((m) => m !== 'Vejen'),
  );
  Object.entries(WORDS).forEach(([word, alternatives], j) => {
    // every (alternatives + 1)-th copy keeps the word, so copies differ from each other too
    const choice = (k + j) % (alternatives.length + 1);
    if (choice < alternatives.length) map.set(word, alternatives[choice]);
  });
  const keys = [...map.keys()].sort((a, b) => b.length - a.length).map(escapeRe);
  // whole words (Danish letters count as letters), with an optional genitive s
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${keys.join('|')})([sS]?)(?![\\p{L}\\p{N}])`, 'gu');
  return {
    pattern,
    replace: (word, genitive) => {
      const target = map.get(word) ?? word;
      // Danish genitive of a name ending in s is an apostrophe: "Københavns" → "Aarhus'"
      return genitive && /[sxz]$/i.test(target) ? `${target}'` : target + genitive;
    },
  };
}

/** Applies copy k's substitution to a text. */
export function varyText(text: string, k: number): string {
  const { pattern, replace } = substitution(k);
  return text.replace(pattern, (_all, word: string, genitive: string) => replace(word, genitive));
}

const TOC_BULLET = /^(\s*[•·▪-]\s*.+?)(\s*\t\s*\d{1,3}\s*)$/;
const TOC_NUMBER_FIRST = /^(\s*\d{1,3}\s*\t\s*.+?)(\s*)$/;

/** Appends `tag` to the text of a line, before trailing blanks (and before the page number of a contents line). */
function appendTo(line: string, tag: string, toc: boolean): string {
  const m = toc ? (TOC_BULLET.exec(line) ?? TOC_NUMBER_FIRST.exec(line)) : /^(.*?)(\s*)$/s.exec(line);
  return m ? `${m[1]}${tag}${m[2]}` : line;
}

/**
 * Lines of a text document with ` (k)` appended to each case title: on the line that ends the title
 * inside the case (catalogue titles are set in broken capitals and come from the contents, so only
 * there), and on the contents entry most like the title.
 */
function tagTitles(doc: LoadedDocument, cases: Case[], k: number): string[] {
  const lines = [...doc.lines];
  const tag = ` (${k})`;
  const toc = readToc(doc.lines);
  const usedToc = new Set<number>();
  for (const c of cases) {
    const key = alnumKey(c.title);
    if (c.layout !== 'catalogue' && c.lineStart !== null && c.lineEnd !== null) {
      let found = false;
      for (let i = c.lineStart - 1; i < c.lineEnd && !found; i++) {
        const lineKey = alnumKey(doc.lines[i].replace(/^#+\s*/, ''));
        if (lineKey.length >= 2 && key.endsWith(lineKey)) {
          lines[i] = appendTo(lines[i], tag, false);
          found = true;
        }
      }
      // an article without a headline is named by the quoted name its text returns to: tag the quotes
      if (!found && c.layout === 'article') {
        const quoted = new RegExp(`(["“«])(${escapeRe(c.title)})(["”»])`, 'g');
        for (let i = c.lineStart - 1; i < c.lineEnd; i++) lines[i] = lines[i].replace(quoted, `$1$2${tag}$3`);
      }
    }
    let best = -1;
    let score = 0.6;
    toc.forEach((e, n) => {
      const s = trigramSimilarity(e.title, c.title);
      if (!usedToc.has(n) && s >= score) [best, score] = [n, s];
    });
    if (best >= 0) {
      usedToc.add(best);
      lines[toc[best].line] = appendTo(lines[toc[best].line], tag, true);
    }
  }
  return lines;
}

const TEXT_FORMATS = new Set(['.txt', '.md']);
const MARKUP_FORMATS = new Set(['.html', '.htm']);

/** Name of copy k's folder: copy-01 … (zero-padded to the width of the factor). */
export function copyName(k: number, factor: number): string {
  return `copy-${String(k).padStart(Math.max(2, String(factor).length), '0')}`;
}

/** Name of the one file of the single-file variant. */
export function singleFileName(factor: number): string {
  return `corpus-x${factor}.txt`;
}

/** The copy a scaled case comes from: its folder, or in the single file the copy number its title carries. */
function copyOf(c: Case, factor: number): string {
  if (c.file.includes('/')) return c.file.split('/')[0];
  const k = / \((\d+)\)$/.exec(c.title);
  return k ? copyName(Number(k[1]), factor) : 'untagged';
}

/** Writes the scaled corpus (atomically: a temp folder renamed at the end), then verifies it. */
export async function scaleCorpus(options: Partial<ScaleOptions> & Pick<ScaleOptions, 'corpusDir' | 'outDir'>): Promise<ScaleReport> {
  const o: ScaleOptions = { ...defaultScaleOptions, ...options };
  const t0 = performance.now();
  const outDir = resolve(o.outDir);
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    throw new CasechatError('INVALID_ARGUMENT', 'scale-corpus', `--out ${outDir} exists and is not empty; give a new folder`);
  }
  const log = memoryLogger();
  const docs = await loadCorpus(o.corpusDir, log);
  const cases = segmentCorpus(docs, log);
  const tmp = `${outDir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  const unchanged: string[] = [];
  const single = o.singleFile ? join(tmp, singleFileName(o.factor)) : null;
  let files = single ? 1 : 0;
  let bytes = 0;
  try {
    await mkdir(tmp, { recursive: true });
    for (let k = 1; k <= o.factor; k++) {
      for (const doc of docs) {
        const target = join(tmp, copyName(k, o.factor), doc.file);
        const ext = extname(doc.file).toLowerCase();
        let text: string | null = null;
        if (TEXT_FORMATS.has(ext)) {
          const own = cases.filter((c) => c.file === doc.file);
          text = varyText(`${tagTitles(doc, own, k).join('\n')}\n`, k);
          if (single) {
            await appendFile(single, text);
            continue;
          }
        } else if (MARKUP_FORMATS.has(ext)) {
          // line numbers of HTML cases refer to the extracted text, not the file: names and words only
          text = varyText(await readFile(join(o.corpusDir, doc.file), 'utf8'), k);
        }
        await mkdir(dirname(target), { recursive: true });
        if (text === null) {
          await copyFile(join(o.corpusDir, doc.file), target);
          if (k === 1) unchanged.push(doc.file);
        } else await writeFile(target, text);
        files++;
      }
    }
    await mkdir(dirname(outDir), { recursive: true });
    await rm(outDir, { recursive: true, force: true });
    await rename(tmp, outDir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }

  // verification: the segmenter must find every case in every copy
  const scaledLog = memoryLogger();
  const scaledDocs = await loadCorpus(outDir, scaledLog);
  const scaled = segmentCorpus(scaledDocs, scaledLog);
  const perCopy = new Map<string, Case[]>();
  for (const c of scaled) {
    const copy = copyOf(c, o.factor);
    perCopy.set(copy, [...(perCopy.get(copy) ?? []), c]);
  }
  const badCopies: ScaleReport['badCopies'] = [];
  let tagged = 0;
  const untagged: string[] = [];
  for (let k = 1; k <= o.factor; k++) {
    const copy = copyName(k, o.factor);
    const own = perCopy.get(copy) ?? [];
    if (own.length !== cases.length) badCopies.push({ copy, cases: own.length });
    for (const c of own) {
      if (c.title.endsWith(` (${k})`)) tagged++;
      else if (untagged.length < 5) untagged.push(`${c.file}: ${c.title}`);
    }
  }
  const hashes = new Set([...docs, ...scaledDocs].map((d) => d.hash));
  const ids = new Set(scaled.map((c) => c.id));
  for (const d of scaledDocs) bytes += (await readFile(join(outDir, d.file))).length;
  return {
    factor: o.factor,
    files,
    bytes,
    sourceCases: cases.length,
    cases: scaled.length,
    expected: o.factor * cases.length,
    badCopies,
    duplicateIds: scaled.length - ids.size,
    tagged,
    untagged,
    uniqueIds: ids.size === scaled.length,
    singleFile: single ? singleFileName(o.factor) : null,
    distinctFiles: hashes.size === docs.length + scaledDocs.length,
    unchanged,
    millis: performance.now() - t0,
  };
}

/** Human-readable lines of a report. */
export function describeScale(r: ScaleReport, outDir: string): string[] {
  const ok = r.cases === r.expected && r.badCopies.length === 0;
  return [
    `scaled corpus ×${r.factor}: ${r.files} files, ${(r.bytes / 1024 / 1024).toFixed(1)} MB in ${outDir} (${(r.millis / 1000).toFixed(1)} s)` +
      (r.singleFile ? `; the text copies in one file, ${r.singleFile}` : ''),
    `cases found: ${r.cases}, expected ${r.factor} × ${r.sourceCases} = ${r.expected} — ${ok ? 'OK' : `MISMATCH in ${r.badCopies.map((b) => `${b.copy} (${b.cases})`).join(', ')}`}`,
    `titles carrying their copy number: ${r.tagged} of ${r.cases}${r.untagged.length ? `; e.g. not: ${r.untagged.join(' | ')}` : ''}`,
    `case ids unique: ${r.uniqueIds ? 'yes' : `NO (${r.duplicateIds} more cases than distinct ids)`}; files byte-distinct from each other and from the source: ${r.distinctFiles ? 'yes' : 'NO'}`,
    ...(r.unchanged.length ? [`copied unchanged (not text): ${r.unchanged.join(', ')}`] : []),
  ];
}

const USAGE = `usage: npx tsx scripts/scale-corpus.ts --out <dir> [--factor 20] [--single-file]
  --out          folder to write (must not exist or be empty)
  --factor       number of copies of the corpus (CORPUS_DIR, default corpus/), default 20
  --single-file  the copies of the text documents one after another in one file, corpus-x<factor>.txt`;

async function main(): Promise<number> {
  const args = parseArgs(
    process.argv.slice(2),
    {
      factor: z.coerce.number().int().min(1).max(500).default(defaultScaleOptions.factor),
      out: z.string().min(1, 'give the folder to write'),
      'single-file': z.boolean().default(false),
      help: z.boolean().default(false),
    },
    'scale-corpus',
  );
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const report = await scaleCorpus({ corpusDir: config.corpusDir, outDir: args.out, factor: args.factor, singleFile: args['single-file'] });
  for (const line of describeScale(report, resolve(args.out))) console.log(line);
  return report.cases === report.expected && report.badCopies.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runCli(main, USAGE);
}
