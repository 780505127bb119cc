import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { CasechatError } from '../errors.js';
import type { Warning } from '../log.js';
import type { Organisation } from '../ingest/organisations.js';
import type { Case, Chunk } from '../types.js';
import { LexicalIndex, type LexicalIndexData } from './bm25.js';
import type { CaseWords } from './derived.js';
import { HnswIndex, type HnswOptions } from './vectors.js';
import { jsonArrayPieces, writeJsonPieces } from './json-file.js';

/** Version of the files in a generation; an index of another version is refused (rebuild needed). */
export const INDEX_FORMAT_VERSION = 9;

/** What an index was built from and with: checked at load, never silently mixed. */
export const ManifestSchema = z.object({
  formatVersion: z.number().int(),
  createdAt: z.string(),
  corpus: z.record(z.string(), z.string()),
  counts: z.object({ documents: z.number(), cases: z.number(), chunks: z.number(), contacts: z.number(), warnings: z.number() }),
  settings: z.object({ chunk: z.record(z.string(), z.unknown()), hnsw: z.record(z.string(), z.unknown()) }),
  model: z.object({
    id: z.string(),
    dim: z.number().int().positive(),
    pooling: z.string(),
    normalize: z.boolean(),
    prefixes: z.object({ query: z.string(), passage: z.string() }).nullable(),
    method: z.string().nullable(),
  }),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Everything the server needs, loaded from one generation of the index. */
export interface LoadedIndex {
  manifest: Manifest;
  cases: Case[];
  chunks: Chunk[];
  lexical: LexicalIndex;
  vectors: HnswIndex;
  /** Name of the generation (folder under the index root). */
  generation: string;
  /** Bytes of the generation's files on disk (model included). */
  bytes: number;
  /** BM25 over whole cases. */
  caseLexical: LexicalIndex;
  /** The cases' content words. */
  caseWords: CaseWords;
  /** HNSW over the vectors of `caseWords.words`. */
  wordVectors: HnswIndex;
}

/** What the ingest derives from the chunks for search, stored beside them. */
export interface DerivedFiles {
  caseLexical: LexicalIndex;
  caseWords: CaseWords;
  wordVectors: HnswIndex;
}

/*
 * Layout of the index root (INDEX_DIR):
 *
 *   CURRENT                 the name of the published generation (replaced by an atomic rename)
 *   g-<time>-<hash>/        one complete generation: manifest.json, cases.json, chunks.json,
 *                           lexical.json, vectors.hnsw, case-lexical.json, case-words.json,
 *                           words.hnsw, warnings.json (the ingest's warnings), organisations.json (each
 *                           organisation's canonical name and the variants merged into it) and model/ (the corpus-trained model)
 *   .building-<host>-<pid>-<time>/   a generation being written (never read)
 *   .ingest.lock            held by the one ingest running
 *
 * A generation is written in a staging folder, renamed into place when complete, and published
 * by replacing CURRENT. Readers only follow CURRENT, so a crash at any moment (SIGKILL included)
 * leaves the previous generation published and whole. Replicas sharing the root pick up a new
 * generation by watching CURRENT.
 */
const FILES = {
  manifest: 'manifest.json',
  cases: 'cases.json',
  chunks: 'chunks.json',
  lexical: 'lexical.json',
  vectors: 'vectors.hnsw',
  caseLexical: 'case-lexical.json',
  caseWords: 'case-words.json',
  wordVectors: 'words.hnsw',
  organisations: 'organisations.json',
};
const POINTER = 'CURRENT';
const GENERATION = /^g-[\w.-]+$/;
const STAGING = '.building-';
const LOCK = '.ingest.lock';
/** Folder of the corpus-trained model inside a generation. */
export const GENERATION_MODEL = 'model';
/** Files of the format-2 layout (everything at the root), removed once a generation is published. */
const LEGACY = ['manifest.json', 'cases.json', 'chunks.json', 'lexical.json', 'vectors.hnsw'];

/** The published generation's name, or null when there is none (no index, or only a legacy one). */
export async function currentGeneration(root: string): Promise<string | null> {
  let name: string;
  try {
    name = (await readFile(join(root, POINTER), 'utf8')).trim();
  } catch {
    return null;
  }
  if (!GENERATION.test(name)) throw new CasechatError('INDEX_CORRUPT', 'index', `${join(root, POINTER)} does not name a generation; run npm run ingest`);
  if (!existsSync(join(root, name)))
    throw new CasechatError('INDEX_CORRUPT', 'index', `${join(root, POINTER)} names ${name}, which is missing; run npm run ingest`);
  return name;
}

/** Reads a manifest file; a damaged one is INDEX_CORRUPT. */
async function readManifestFile(path: string): Promise<Manifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new CasechatError('INDEX_CORRUPT', 'index', `${path} is not readable JSON (${(e as Error).message}); run npm run ingest`);
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) throw new CasechatError('INDEX_CORRUPT', 'index', `${path} does not match the manifest format; run npm run ingest`);
  return parsed.data;
}

/**
 * The manifest of a generation — by default the published one — or null when there is no index.
 * A damaged one is an error.
 */
export async function readManifest(root: string, generation?: string | null): Promise<Manifest | null> {
  const name = generation === undefined ? await currentGeneration(root) : generation;
  return name ? readManifestFile(join(root, name, FILES.manifest)) : null;
}

/** A new, empty staging folder for a generation under `root`. */
export async function stageGeneration(root: string): Promise<string> {
  await mkdir(root, { recursive: true });
  const dir = join(root, `${STAGING}${hostname()}-${process.pid}-${Date.now()}`);
  await mkdir(dir);
  return dir;
}

/** Writes the organisations of the corpus into a staging folder (before `writeIndexFiles`, which makes them durable). */
export async function writeOrganisations(dir: string, organisations: Organisation[]): Promise<void> {
  await writeFile(join(dir, FILES.organisations), JSON.stringify(organisations, null, 1));
}

/** The organisations recorded in a generation — by default the published one; INDEX_MISSING when there is none. */
export async function readOrganisations(root: string, generation?: string): Promise<Organisation[]> {
  const name = generation ?? (await currentGeneration(root));
  if (!name) throw new CasechatError('INDEX_MISSING', 'index', `no index in ${root}; run npm run ingest`);
  const path = join(root, name, FILES.organisations);
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Organisation[];
  } catch (e) {
    throw new CasechatError('INDEX_CORRUPT', 'index', `${path} is not readable (${(e as Error).message}); run npm run ingest`);
  }
}

/** Writes the index files into a staging folder; the manifest last, so a folder without it is never taken for an index. */
export async function writeIndexFiles(
  dir: string,
  manifest: Manifest,
  cases: Case[],
  chunks: Chunk[],
  lexical: LexicalIndex,
  vectors: HnswIndex,
  derived: DerivedFiles,
): Promise<void> {
  // the large files are written in pieces: no string of a whole file is made
  await writeJsonPieces(join(dir, FILES.cases), jsonArrayPieces(cases));
  await writeJsonPieces(join(dir, FILES.chunks), jsonArrayPieces(chunks));
  await writeJsonPieces(join(dir, FILES.lexical), lexical.jsonPieces());
  await vectors.save(join(dir, FILES.vectors));
  await writeJsonPieces(join(dir, FILES.caseLexical), derived.caseLexical.jsonPieces());
  await writeFile(join(dir, FILES.caseWords), JSON.stringify(derived.caseWords));
  await derived.wordVectors.save(join(dir, FILES.wordVectors));
  await writeFile(join(dir, FILES.manifest), JSON.stringify(manifest, null, 2));
  // durable before it can be published
  for (const f of Object.values(FILES)) {
    const h = await open(join(dir, f), 'r');
    await h.sync();
    await h.close();
  }
}

/** The warnings of the ingest that wrote a generation (`--strict` compares with them). */
const WARNINGS = 'warnings.json';

/** Writes the warnings of the ingest into its staging folder, durably (before the manifest). */
export async function writeGenerationWarnings(dir: string, warnings: Warning[]): Promise<void> {
  const path = join(dir, WARNINGS);
  await writeFile(path, JSON.stringify(warnings));
  const h = await open(path, 'r');
  await h.sync();
  await h.close();
}

/**
 * What the ingest compares a new generation with: the cases of generation `name` and the warnings
 * stored with it (null for a generation written before warnings were stored). A damaged file is INDEX_CORRUPT.
 */
export async function readGenerationState(root: string, name: string): Promise<{ cases: Case[]; warnings: Warning[] | null }> {
  const dir = join(root, name);
  try {
    const cases = JSON.parse(await readFile(join(dir, FILES.cases), 'utf8')) as Case[];
    const warnings = existsSync(join(dir, WARNINGS)) ? (JSON.parse(await readFile(join(dir, WARNINGS), 'utf8')) as Warning[]) : null;
    if (!Array.isArray(cases) || (warnings !== null && !Array.isArray(warnings))) throw new Error('not a list');
    return { cases, warnings };
  } catch (e) {
    throw new CasechatError('INDEX_CORRUPT', 'index', `${dir}: ${(e as Error).message}; run npm run ingest`);
  }
}

/** Moves a complete staging folder into place as a generation (not yet published); returns its name. */
export async function commitGeneration(root: string, staging: string, manifest: Manifest): Promise<string> {
  const time = manifest.createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const name = `g-${time}-${Math.random().toString(36).slice(2, 8)}`;
  await rename(staging, join(root, name));
  return name;
}

/** Publishes a generation: CURRENT is replaced by an atomic rename. */
export async function publishGeneration(root: string, name: string): Promise<void> {
  if (!GENERATION.test(name) || !existsSync(join(root, name, FILES.manifest))) {
    throw new CasechatError('INDEX_CORRUPT', 'index', `${name} is not a complete generation under ${root}`);
  }
  const tmp = join(root, `${POINTER}.tmp-${process.pid}`);
  await writeFile(tmp, `${name}\n`);
  const h = await open(tmp, 'r');
  await h.sync();
  await h.close();
  await rename(tmp, join(root, POINTER));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A staging folder or lock older than this is abandoned even when its owner cannot be checked (another host). */
const ABANDONED_MS = 6 * 3600_000;

/** Whether a staging folder or lock of `host`/`pid`, last touched at `mtime`, is abandoned. */
function abandoned(host: string, pid: number, mtime: number): boolean {
  return (host === hostname() && !alive(pid)) || Date.now() - mtime > ABANDONED_MS;
}

/**
 * Removes what is no longer needed: generations beyond the `keep` newest (never the published
 * one; replicas may still be loading a recent one), staging folders of dead ingests, and the
 * files of the format-2 layout. Returns the names removed.
 */
export async function pruneGenerations(root: string, keep = 3): Promise<string[]> {
  const current = await currentGeneration(root).catch(() => null);
  const names = await readdir(root).catch(() => [] as string[]);
  const removed: string[] = [];
  const generations = names
    .filter((n) => GENERATION.test(n))
    .sort()
    .reverse();
  for (const n of generations.slice(keep)) {
    if (n === current) continue;
    await rm(join(root, n), { recursive: true, force: true });
    removed.push(n);
  }
  for (const n of names.filter((x) => x.startsWith(STAGING))) {
    const m = /^\.building-(.+)-(\d+)-\d+$/.exec(n);
    const mtime = (await stat(join(root, n)).catch(() => null))?.mtimeMs ?? 0;
    if (m && abandoned(m[1], Number(m[2]), mtime)) {
      await rm(join(root, n), { recursive: true, force: true });
      removed.push(n);
    }
  }
  if (current) {
    for (const f of LEGACY) if (names.includes(f)) await rm(join(root, f), { force: true });
    for (const n of names.filter((x) => x.startsWith(`${POINTER}.tmp-`))) await rm(join(root, n), { force: true });
  }
  return removed;
}

/**
 * Takes the ingest lock of an index root, so two ingests (a re-index and a manual run, or two
 * replicas) never build at once. A lock left by a killed ingest is taken over. Returns the release.
 */
export async function lockIndex(root: string): Promise<() => Promise<void>> {
  await mkdir(root, { recursive: true });
  const path = join(root, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const h = await open(path, 'wx');
      await h.writeFile(JSON.stringify({ host: hostname(), pid: process.pid, startedAt: new Date().toISOString() }));
      await h.close();
      return () => rm(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const held = await readFile(path, 'utf8')
        .then((t) => JSON.parse(t) as { host?: string; pid?: number; startedAt?: string })
        .catch(() => null);
      const mtime = (await stat(path).catch(() => null))?.mtimeMs ?? 0;
      if (held && typeof held.pid === 'number' && !abandoned(String(held.host), held.pid, mtime)) {
        throw new CasechatError('INGEST_RUNNING', 'ingest', `another ingest (pid ${held.pid} on ${held.host}, since ${held.startedAt}) is building ${root}`);
      }
      await rm(path, { force: true });
    }
  }
  throw new CasechatError('INGEST_RUNNING', 'ingest', `could not take ${path}`);
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? await folderBytes(p) : (await stat(p)).size;
  }
  return total;
}

/** What the loader expects of the model, so an index built with another model is refused. */
export interface ModelExpectation {
  id: string;
  dim: number;
}

/** Loads the published generation of the index root and checks it against the model in use. */
export async function loadIndex(root: string, model: ModelExpectation, hnsw: Partial<HnswOptions> = {}): Promise<LoadedIndex> {
  const name = await currentGeneration(root);
  if (!name) throw new CasechatError('INDEX_MISSING', 'index', `no index in ${root}; run npm run ingest`);
  return loadGeneration(root, name, model, hnsw);
}

/** Loads one generation (published or not) and checks it is whole and fits the model. */
export async function loadGeneration(root: string, name: string, model: ModelExpectation, hnsw: Partial<HnswOptions> = {}): Promise<LoadedIndex> {
  const dir = join(root, name);
  const manifest = await readManifestFile(join(dir, FILES.manifest));
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new CasechatError(
      'INDEX_FORMAT_VERSION',
      'index',
      `format ${manifest.formatVersion}, expected ${INDEX_FORMAT_VERSION}; run npm run ingest to rebuild`,
    );
  }
  if (manifest.model.id !== model.id || manifest.model.dim !== model.dim) {
    throw new CasechatError(
      'INDEX_MANIFEST_MISMATCH',
      'index',
      `index built with model ${manifest.model.id} (dim ${manifest.model.dim}), but the server uses ${model.id} (dim ${model.dim}); run npm run ingest to rebuild`,
    );
  }
  try {
    const cases = JSON.parse(await readFile(join(dir, FILES.cases), 'utf8')) as Case[];
    const chunks = JSON.parse(await readFile(join(dir, FILES.chunks), 'utf8')) as Chunk[];
    const lexical = new LexicalIndex(JSON.parse(await readFile(join(dir, FILES.lexical), 'utf8')) as LexicalIndexData);
    const vectors = await HnswIndex.load(join(dir, FILES.vectors), manifest.model.dim, hnsw);
    const caseLexical = new LexicalIndex(JSON.parse(await readFile(join(dir, FILES.caseLexical), 'utf8')) as LexicalIndexData);
    const caseWords = JSON.parse(await readFile(join(dir, FILES.caseWords), 'utf8')) as CaseWords;
    const wordVectors = await HnswIndex.load(join(dir, FILES.wordVectors), manifest.model.dim, hnsw);
    if (cases.length !== manifest.counts.cases || chunks.length !== manifest.counts.chunks) throw new Error('counts differ from the manifest');
    if (vectors.size !== chunks.length || lexical.ids.length !== chunks.length) throw new Error('counts differ between files');
    if (caseLexical.ids.length !== cases.length || wordVectors.size !== caseWords.words.length) throw new Error('case files differ from the cases');
    return { manifest, cases, chunks, lexical, vectors, generation: name, bytes: await folderBytes(dir), caseLexical, caseWords, wordVectors };
  } catch (e) {
    throw new CasechatError('INDEX_CORRUPT', 'index', `${dir}: ${(e as Error).message}; run npm run ingest`);
  }
}
