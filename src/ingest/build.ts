import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { createEmbedder, type Embedder } from '../embed/embedder.js';
import { writeModelFolder } from '../embed/model.js';
import { trainStaticModel, type TrainOptions } from '../embed/train.js';
import { CasechatError } from '../errors.js';
import { LexicalIndex, type LexicalDoc } from '../index/bm25.js';
import {
  commitGeneration,
  currentGeneration,
  GENERATION_MODEL,
  INDEX_FORMAT_VERSION,
  lockIndex,
  pruneGenerations,
  publishGeneration,
  readManifest,
  stageGeneration,
  writeIndexFiles,
  writeOrganisations,
  type Manifest,
} from '../index/store.js';
import { defaultHnswOptions, HnswIndex } from '../index/vectors.js';
import type { Logger } from '../log.js';
import type { Case, Chunk, LoadedDocument } from '../types.js';
import { caseLexicalOf, caseTexts, caseWordsOf, chunksByCase } from '../index/derived.js';
import { chunkCase, defaultChunkOptions, lineOffsets } from './chunk.js';
import { loadCorpus } from './load.js';
import { readCases } from './segment.js';

/** Options of one ingest run. */
export interface BuildOptions {
  /** Rebuild even when the corpus and settings are unchanged. Default false. */
  force: boolean;
  /** Treat warnings as failure: nothing is written and the run fails. Default false. */
  strict: boolean;
  /** Training options of the corpus model (defaults: `defaultTrainOptions`). */
  train: Partial<TrainOptions>;
  /**
   * Publish the new generation (make it the one served) when it is written. Default true; a
   * server re-indexing builds unpublished, checks the generation loads, then publishes it.
   */
  publish: boolean;
}

export const defaultBuildOptions: BuildOptions = { force: false, strict: false, train: {}, publish: true };

/** What an ingest run did. */
export interface BuildReport {
  status: 'built' | 'unchanged';
  /** The generation written (status built), or the one already published (unchanged). */
  generation: string | null;
  /** Whether the generation was published by this run. */
  published: boolean;
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
  const release = await lockIndex(config.indexDir);
  try {
    return await build(config, logger, { ...defaultBuildOptions, ...options });
  } finally {
    await release();
  }
}

async function build(config: Config, logger: Logger, opts: BuildOptions): Promise<BuildReport> {
  const t0 = Date.now();
  const warningsAt = (file: string) => warnings.filter((w) => w.file === file).length;
  const warnings: Array<{ file: string }> = [];
  const counting: Logger = { warn: (w) => (warnings.push(w), logger.warn(w)), info: (m) => logger.info(m) };

  const docs = await loadCorpus(config.corpusDir, counting);
  if (!docs.length) throw new CasechatError('EMPTY_DOCUMENT', 'ingest', `no readable document in ${config.corpusDir}`);
  if (opts.strict && warnings.length) {
    throw new CasechatError('INVALID_ARGUMENT', 'ingest', `--strict: ${warnings.length} warning(s) while loading; nothing was written`);
  }
  const rebuilding = (e: Error) => (logger.info(`${e.message} — rebuilding`), null);
  const published = await currentGeneration(config.indexDir).catch(rebuilding);
  const previous = await readManifest(config.indexDir, published).catch(rebuilding);
  const changed = corpusChanges(previous, docs);
  const corpusHash = createHash('sha256').update(docs.map((d) => `${d.file}:${d.hash}`).join('\n')).digest('hex');
  // the corpus model is named after the corpus it was trained on, so an index and a model from different corpora never mix
  const modelId = config.trainsModel ? `${config.embedModel}-${corpusHash.slice(0, 12)}` : config.embedModel;
  const modelPresent = config.trainsModel
    ? published !== null && existsSync(join(config.indexDir, published, GENERATION_MODEL))
    : existsSync(join(config.modelsDir, config.embedModel));
  const sameModel = previous?.model.id === modelId && modelPresent;
  if (!opts.force && previous && previous.formatVersion === INDEX_FORMAT_VERSION && changed.length === 0 && sameModel) {
    logger.info(`index is up to date (${previous.counts.cases} cases, ${previous.counts.chunks} chunks); nothing to do`);
    // what killed ingests left behind
    await pruneGenerations(config.indexDir);
    return { status: 'unchanged', generation: published, published: false, changedFiles: [], perDocument: [], manifest: previous, millis: Date.now() - t0 };
  }
  if (previous && changed.length) logger.info(`changed since the last ingest: ${changed.join(', ')}`);

  const { cases, organisations } = readCases(docs, counting);
  const chunks = chunkAll(docs, cases);
  for (const d of docs) {
    const n = cases.filter((c) => c.file === d.file).length;
    logger.info(`  ${d.file}: ${d.lines.length} lines, ${n} case${n === 1 ? '' : 's'}, ${chunks.filter((c) => c.file === d.file).length} chunks`);
  }
  const caseById = new Map(cases.map((c) => [c.id, c]));
  if (opts.strict && warnings.length) {
    throw new CasechatError('INVALID_ARGUMENT', 'ingest', `--strict: ${warnings.length} warning(s); nothing was written`);
  }

  // everything is written into a staging folder; a failure or a kill leaves the published index as it was
  const staging = await stageGeneration(config.indexDir);
  try {
    let method: string | null = null;
    const model = config.trainsModel ? { modelsDir: staging, model: GENERATION_MODEL } : { modelsDir: config.modelsDir, model: config.embedModel };
    if (config.trainsModel) {
      const trained = trainStaticModel(chunks.map((c) => c.indexText), opts.train);
      method = trained.method;
      await writeModelFolder(join(staging, GENERATION_MODEL), trained, { id: modelId, corpusHash });
      logger.info(`trained ${config.embedModel}: ${trained.vocab.length} tokens × ${trained.dim} (${trained.method})`);
    }
    const embedder: Embedder = await createEmbedder({ ...model, threads: config.embedThreads });
    const vectors = await embedder.embed(chunks.map((c) => c.indexText), 'passage');
    const hnsw = HnswIndex.build(vectors, defaultHnswOptions);
    const lexical = LexicalIndex.build(chunks.map((c) => lexicalDoc(c, caseById.get(c.caseId)!)));
    // what search derives per case, computed here once rather than at every load
    const caseText = caseTexts(cases, chunksByCase(chunks));
    const caseWords = caseWordsOf(caseText);
    const derived = { caseLexical: caseLexicalOf(cases, caseText), caseWords, wordVectors: HnswIndex.build(await embedder.embed(caseWords.words, 'passage'), defaultHnswOptions) };
    const manifest = manifestOf(docs, cases, chunks, warnings.length, { id: embedder.id, dim: embedder.dim, prefixes: embedder.prefixes ?? null, method });
    await embedder.dispose?.();
    await writeOrganisations(staging, organisations);
    await writeIndexFiles(staging, manifest, cases, chunks, lexical, hnsw, derived);
    const generation = await commitGeneration(config.indexDir, staging, manifest);
    if (opts.publish) {
      await publishGeneration(config.indexDir, generation);
      await pruneGenerations(config.indexDir);
    }
    const perDocument = docs.map((d) => ({
      file: d.file,
      cases: cases.filter((c) => c.file === d.file).length,
      chunks: chunks.filter((c) => c.file === d.file).length,
      contacts: cases.filter((c) => c.file === d.file).reduce((n, c) => n + c.contacts.length, 0),
      warnings: warningsAt(d.file),
    }));
    return { status: 'built', generation, published: opts.publish, changedFiles: changed, perDocument, manifest, millis: Date.now() - t0 };
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}

/** The manifest of a new generation. */
function manifestOf(
  docs: LoadedDocument[],
  cases: Case[],
  chunks: Chunk[],
  warnings: number,
  model: { id: string; dim: number; prefixes: Manifest['model']['prefixes']; method: string | null },
): Manifest {
  return {
    formatVersion: INDEX_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    corpus: Object.fromEntries(docs.map((d) => [d.file, d.hash])),
    counts: {
      documents: docs.length,
      cases: cases.length,
      chunks: chunks.length,
      contacts: cases.reduce((n, c) => n + c.contacts.length, 0),
      warnings,
    },
    settings: { chunk: { ...defaultChunkOptions }, hnsw: { ...defaultHnswOptions } },
    model: { id: model.id, dim: model.dim, pooling: 'mean', normalize: true, prefixes: model.prefixes, method: model.method },
  };
}
