import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { createEmbedder, type Embedder } from '../embed/embedder.js';
import { writeModelFolder } from '../embed/model.js';
import { trainStaticModel, type TrainOptions } from '../embed/train.js';
import { CasechatError } from '../errors.js';
import { LexicalIndex, type LexicalDoc } from '../index/bm25.js';
import { INDEX_FORMAT_VERSION, readManifest, writeIndex, type Manifest } from '../index/store.js';
import { defaultHnswOptions, HnswIndex } from '../index/vectors.js';
import type { Logger } from '../log.js';
import type { Case, Chunk, LoadedDocument } from '../types.js';
import { chunkCase, defaultChunkOptions, lineOffsets } from './chunk.js';
import { loadCorpus } from './load.js';
import { segmentCorpus } from './segment.js';

/** Options of one ingest run. */
export interface BuildOptions {
  /** Rebuild even when the corpus and settings are unchanged. Default false. */
  force: boolean;
  /** Treat warnings as failure: nothing is written and the run fails. Default false. */
  strict: boolean;
  /** Training options of the corpus model (defaults: `defaultTrainOptions`). */
  train: Partial<TrainOptions>;
}

export const defaultBuildOptions: BuildOptions = { force: false, strict: false, train: {} };

/** What an ingest run did. */
export interface BuildReport {
  status: 'built' | 'unchanged';
  changedFiles: string[];
  perDocument: Array<{ file: string; cases: number; chunks: number; contacts: number; warnings: number }>;
  manifest: Manifest;
  millis: number;
}

/** Chunks of every case, in corpus order. */
export function chunkAll(docs: LoadedDocument[], cases: Case[]): Chunk[] {
  const out: Chunk[] = [];
  for (const d of docs) {
    const offsets = lineOffsets(d.lines);
    const text = d.lines.join('\n');
    for (const c of cases) if (c.file === d.file) out.push(...chunkCase(d, c, {}, offsets, text));
  }
  return out;
}

/** The lexical document of a chunk: case title, organisations, section and the chunk text as fields. */
export function lexicalDoc(chunk: Chunk, c: Case): LexicalDoc {
  return { id: chunk.id, fields: { title: c.title, orgs: c.organisations.join(', '), section: chunk.section, body: chunk.text } };
}

function corpusChanges(manifest: Manifest | null, docs: LoadedDocument[]): string[] {
  const now = Object.fromEntries(docs.map((d) => [d.file, d.hash]));
  const before = manifest?.corpus ?? {};
  const files = new Set([...Object.keys(now), ...Object.keys(before)]);
  return [...files].filter((f) => now[f] !== before[f]).sort();
}

/**
 * The ingest: load → segment → chunk → (train the corpus model) → embed → HNSW + BM25 → index/.
 * An unchanged corpus with the same settings does nothing. The previous index stays intact if anything fails.
 */
export async function buildIndex(config: Config, logger: Logger, options: Partial<BuildOptions> = {}): Promise<BuildReport> {
  const opts = { ...defaultBuildOptions, ...options };
  const t0 = Date.now();
  const warningsAt = (file: string) => warnings.filter((w) => w.file === file).length;
  const warnings: Array<{ file: string }> = [];
  const counting: Logger = { warn: (w) => (warnings.push(w), logger.warn(w)), info: (m) => logger.info(m) };

  const docs = await loadCorpus(config.corpusDir, counting);
  if (!docs.length) throw new CasechatError('EMPTY_DOCUMENT', 'ingest', `no readable document in ${config.corpusDir}`);
  if (opts.strict && warnings.length) {
    throw new CasechatError('INVALID_ARGUMENT', 'ingest', `--strict: ${warnings.length} warning(s) while loading; nothing was written`);
  }
  const previous = await readManifest(config.indexDir).catch(() => null);
  const changed = corpusChanges(previous, docs);
  const corpusHash = createHash('sha256').update(docs.map((d) => `${d.file}:${d.hash}`).join('\n')).digest('hex');
  // the corpus model is named after the corpus it was trained on, so an index and a model from different corpora never mix
  const modelId = config.trainsModel ? `${config.embedModel}-${corpusHash.slice(0, 12)}` : config.embedModel;
  const modelPresent = existsSync(join(config.modelsDir, config.embedModel));
  const sameModel = previous?.model.id === modelId && modelPresent;
  if (!opts.force && previous && previous.formatVersion === INDEX_FORMAT_VERSION && changed.length === 0 && sameModel) {
    logger.info(`index is up to date (${previous.counts.cases} cases, ${previous.counts.chunks} chunks); nothing to do`);
    return { status: 'unchanged', changedFiles: [], perDocument: [], manifest: previous, millis: Date.now() - t0 };
  }
  if (previous && changed.length) logger.info(`changed since the last ingest: ${changed.join(', ')}`);

  const cases = segmentCorpus(docs, counting);
  const chunks = chunkAll(docs, cases);
  for (const d of docs) {
    const n = cases.filter((c) => c.file === d.file).length;
    logger.info(`  ${d.file}: ${d.lines.length} lines, ${n} case${n === 1 ? '' : 's'}, ${chunks.filter((c) => c.file === d.file).length} chunks`);
  }
  const caseById = new Map(cases.map((c) => [c.id, c]));
  if (opts.strict && warnings.length) {
    throw new CasechatError('INVALID_ARGUMENT', 'ingest', `--strict: ${warnings.length} warning(s); nothing was written`);
  }

  let method: string | null = null;
  if (config.trainsModel) {
    const model = trainStaticModel(chunks.map((c) => c.indexText), opts.train);
    method = model.method;
    await writeModelFolder(join(config.modelsDir, config.embedModel), model, { id: modelId, corpusHash });
    logger.info(`trained ${config.embedModel}: ${model.vocab.length} tokens × ${model.dim} (${model.method})`);
  }
  const embedder: Embedder = await createEmbedder({ modelsDir: config.modelsDir, model: config.embedModel, threads: config.embedThreads });
  const vectors = await embedder.embed(chunks.map((c) => c.indexText), 'passage');
  const hnsw = HnswIndex.build(vectors, defaultHnswOptions);
  const lexical = LexicalIndex.build(chunks.map((c) => lexicalDoc(c, caseById.get(c.caseId)!)));

  const perDocument = docs.map((d) => ({
    file: d.file,
    cases: cases.filter((c) => c.file === d.file).length,
    chunks: chunks.filter((c) => c.file === d.file).length,
    contacts: cases.filter((c) => c.file === d.file).reduce((n, c) => n + c.contacts.length, 0),
    warnings: warningsAt(d.file),
  }));
  const manifest: Manifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    corpus: Object.fromEntries(docs.map((d) => [d.file, d.hash])),
    counts: {
      documents: docs.length,
      cases: cases.length,
      chunks: chunks.length,
      contacts: cases.reduce((n, c) => n + c.contacts.length, 0),
      warnings: warnings.length,
    },
    settings: { chunk: { ...defaultChunkOptions }, hnsw: { ...defaultHnswOptions } },
    model: { id: embedder.id, dim: embedder.dim, pooling: 'mean', normalize: true, prefixes: embedder.prefixes ?? null, method },
  };
  await writeIndex(config.indexDir, manifest, cases, chunks, lexical, hnsw);
  await embedder.dispose?.();
  return { status: 'built', changedFiles: changed, perDocument, manifest, millis: Date.now() - t0 };
}
