import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CasechatError } from '../errors.js';
import type { Case, Chunk } from '../types.js';
import { LexicalIndex, type LexicalIndexData } from './bm25.js';
import { HnswIndex, type HnswOptions } from './vectors.js';

/** Version of the files in index/; an index of another version is refused (rebuild needed). */
export const INDEX_FORMAT_VERSION = 2;

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

/** Everything the server needs, loaded from index/. */
export interface LoadedIndex {
  manifest: Manifest;
  cases: Case[];
  chunks: Chunk[];
  lexical: LexicalIndex;
  vectors: HnswIndex;
}

const FILES = { manifest: 'manifest.json', cases: 'cases.json', chunks: 'chunks.json', lexical: 'lexical.json', vectors: 'vectors.hnsw' };

/** Reads the manifest, or null when there is no index. A damaged manifest is an error. */
export async function readManifest(dir: string): Promise<Manifest | null> {
  const path = join(dir, FILES.manifest);
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new CasechatError('INDEX_CORRUPT', 'index', `${path} is not valid JSON (${(e as Error).message}); run npm run ingest`);
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) throw new CasechatError('INDEX_CORRUPT', 'index', `${path} does not match the manifest format; run npm run ingest`);
  return parsed.data;
}

/**
 * Writes a complete index atomically: everything goes into a temporary folder beside `dir`,
 * which then replaces `dir` by rename. A crash leaves the previous index as it was.
 */
export async function writeIndex(dir: string, manifest: Manifest, cases: Case[], chunks: Chunk[], lexical: LexicalIndex, vectors: HnswIndex): Promise<void> {
  const tmp = `${dir}.tmp-${process.pid}`;
  const old = `${dir}.old-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    await writeFile(join(tmp, FILES.cases), JSON.stringify(cases));
    await writeFile(join(tmp, FILES.chunks), JSON.stringify(chunks));
    await writeFile(join(tmp, FILES.lexical), JSON.stringify(lexical.toJSON()));
    await vectors.save(join(tmp, FILES.vectors));
    // the manifest last: a folder without it is never taken for an index
    await writeFile(join(tmp, FILES.manifest), JSON.stringify(manifest, null, 2));
    if (existsSync(dir)) await rename(dir, old);
    await rename(tmp, dir);
    await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    if (!existsSync(dir) && existsSync(old)) await rename(old, dir);
    throw e;
  }
}

/** What the loader expects of the model, so an index built with another model is refused. */
export interface ModelExpectation {
  id: string;
  dim: number;
}

/** Loads index/ and checks it against the model in use. */
export async function loadIndex(dir: string, model: ModelExpectation, hnsw: Partial<HnswOptions> = {}): Promise<LoadedIndex> {
  const manifest = await readManifest(dir);
  if (!manifest) throw new CasechatError('INDEX_MISSING', 'index', `no index in ${dir}; run npm run ingest`);
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new CasechatError('INDEX_FORMAT_VERSION', 'index', `format ${manifest.formatVersion}, expected ${INDEX_FORMAT_VERSION}; run npm run ingest to rebuild`);
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
    if (vectors.size !== chunks.length || lexical.ids.length !== chunks.length) throw new Error('counts differ between files');
    return { manifest, cases, chunks, lexical, vectors };
  } catch (e) {
    throw new CasechatError('INDEX_CORRUPT', 'index', `${dir}: ${(e as Error).message}; run npm run ingest`);
  }
}
