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
  readGenerationState,
  readManifest,
  stageGeneration,
  writeGenerationWarnings,
  writeIndexFiles,
  type DerivedFiles,
  writeOrganisations,
  type Manifest,
} from '../index/store.js';
import { defaultHnswOptions, HnswIndex } from '../index/vectors.js';
import type { Logger, Warning } from '../log.js';
import type { Case, Chunk, LoadedDocument } from '../types.js';
import { caseLexicalOf, caseTexts, caseWordsOf, chunksByCase } from '../index/derived.js';
import { chunkCase, defaultChunkOptions, lineOffsets } from './chunk.js';
import { checkStrict, defaultGuardOptions, documentChanges, formatChangeTable, guardGeneration, type DocumentChange } from './changes.js';
import { loadCorpus, MEGABYTE } from './load.js';
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
  /** Write the generation even when it loses more than 20 % of the cases or all of a document's (see `changes.ts`). Default false. */
  acceptShrink: boolean;
}

export const defaultBuildOptions: BuildOptions = { force: false, strict: false, train: {}, publish: true, acceptShrink: false };

/** What an ingest run did. */
export interface BuildReport {
  status: 'built' | 'unchanged';
  /** The generation written (status built), or the one already published (unchanged). */
  generation: string | null;
  /** Whether the generation was published by this run. */
  published: boolean;
  changedFiles: string[];
  perDocument: Array<{ file: string; cases: number; chunks: number; contacts: number; warnings: number }>;
  /** Cases and contacts per document against the published generation (the table the ingest prints). */
  changes: DocumentChange[];
  manifest: Manifest;
  millis: number;
}

/**
 * Chunks of every case, in corpus order. `docs` is read once, a document at a time: only the
 * document being cut needs its lines, and its chunks keep the text they quote.
 */
export function chunkAll(docs: Iterable<LoadedDocument>, cases: Case[]): Chunk[] {
  const casesOf = new Map<string, Case[]>();
  for (const c of cases) {
    const list = casesOf.get(c.file);
    if (list) list.push(c);
    else casesOf.set(c.file, [c]);
  }
  const out: Chunk[] = [];
  for (const d of docs) {
    const offsets = lineOffsets(d.lines);
    const text = d.lines.join('\n');
    for (const c of casesOf.get(d.file) ?? []) out.push(...chunkCase(d, c, {}, offsets, text));
  }
  return out;
}

/** The items of `list`, each let go by the list as it is handed out (the list ends empty). */
function* handOut<T>(list: T[]): Generator<T> {
  list.reverse();
  while (list.length) yield list.pop()!;
}

/** The lexical document of each chunk, made as the index reads it. */
function* lexicalDocs(chunks: Chunk[], cases: Case[]): Generator<LexicalDoc> {
  const caseById = new Map(cases.map((c) => [c.id, c]));
  for (const c of chunks) yield lexicalDoc(c, caseById.get(c.caseId)!);
}

/** Texts embedded a batch at a time, each vector added to the HNSW index as it comes (label = position). */
async function embedIndex(embedder: Embedder, texts: string[], batch = 256): Promise<HnswIndex> {
  const index = HnswIndex.create(embedder.dim, texts.length, defaultHnswOptions);
  for (let start = 0; start < texts.length; start += batch) {
    const vectors = await embedder.embed(texts.slice(start, start + batch), 'passage');
    vectors.forEach((v, i) => {
      index.add(v, start + i);
    });
  }
  return index;
}

/** What search derives per case (see `src/search/derived.ts`); the cases' full texts are let go before their words are embedded. */
async function derivedFiles(cases: Case[], chunks: Chunk[], embedder: Embedder): Promise<DerivedFiles> {
  const caseText = caseTexts(cases, chunksByCase(chunks));
  const caseWords = caseWordsOf(caseText);
  const caseLexical = caseLexicalOf(cases, caseText);
  caseText.clear();
  return { caseLexical, caseWords, wordVectors: await embedIndex(embedder, caseWords.words) };
}

/** The lexical document of a chunk: case title, organisations, section and the chunk text as fields. */
export function lexicalDoc(chunk: Chunk, c: Case): LexicalDoc {
  return { id: chunk.id, fields: { title: c.title, orgs: c.organisations.join(', '), section: chunk.section, body: chunk.text } };
}

/** What the ingest keeps of a loaded document once its chunks are cut. */
type Source = Pick<LoadedDocument, 'file' | 'hash'> & { lineCount: number };

function corpusChanges(manifest: Manifest | null, docs: Source[]): string[] {
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
  const warnings: Warning[] = [];
  const counting: Logger = {
    warn: (w) => {
      warnings.push(w);
      logger.warn(w);
    },
    info: (m) => logger.info(m),
  };

  const loaded = await loadCorpus(config.corpusDir, counting, { maxFileBytes: config.maxFileMb * MEGABYTE });
  const docs: Source[] = loaded.map(({ file, hash, lines }) => ({ file, hash, lineCount: lines.length }));
  if (!docs.length) throw new CasechatError('EMPTY_DOCUMENT', 'ingest', `no readable document in ${config.corpusDir}`);
  const rebuilding = (e: Error) => {
    logger.info(`${e.message} — rebuilding`);
    return null;
  };
  const published = await currentGeneration(config.indexDir).catch(rebuilding);
  const previous = await readManifest(config.indexDir, published).catch(rebuilding);
  // what the guard and --strict compare with; a damaged generation has nothing left to protect
  const before = previous && published ? await readGenerationState(config.indexDir, published).catch(rebuilding) : null;
  checkStrict({ ...defaultGuardOptions, strict: opts.strict }, before, warnings, 'while loading');
  const changed = corpusChanges(previous, docs);
  const corpusHash = createHash('sha256')
    .update(docs.map((d) => `${d.file}:${d.hash}`).join('\n'))
    .digest('hex');
  // the corpus model is named after the corpus it was trained on, so an index and a model from different corpora never mix
  const modelId = config.trainsModel ? `${config.embedModel}-${corpusHash.slice(0, 12)}` : config.embedModel;
  const modelPresent = config.trainsModel
    ? published !== null && existsSync(join(config.indexDir, published, GENERATION_MODEL))
    : existsSync(join(config.modelsDir, config.embedModel));
  const sameModel = previous?.model.id === modelId && modelPresent;
  if (!opts.force && previous && previous.formatVersion === INDEX_FORMAT_VERSION && changed.length === 0 && sameModel) {
    logger.info(
      formatChangeTable(
        documentChanges(
          before?.cases ?? null,
          before?.cases ?? [],
          docs.map((d) => d.file),
          warnings,
        ),
      ),
    );
    logger.info(`index is up to date (${previous.counts.cases} cases, ${previous.counts.chunks} chunks); nothing to do`);
    // what killed ingests left behind
    await pruneGenerations(config.indexDir);
    return {
      status: 'unchanged',
      generation: published,
      published: false,
      changedFiles: [],
      perDocument: [],
      changes: [],
      manifest: previous,
      millis: Date.now() - t0,
    };
  }
  if (previous && changed.length) logger.info(`changed since the last ingest: ${changed.join(', ')}`);

  const { cases, organisations } = readCases(loaded, counting);
  // the table of what changed, --strict on new warnings, and the guard against a collapsed collection
  const changes = guardGeneration(
    before,
    cases,
    docs.map((d) => d.file),
    warnings,
    logger,
    { strict: opts.strict, acceptShrink: opts.acceptShrink },
  );
  // the loaded documents are let go one by one as they are cut into chunks
  const chunks = chunkAll(handOut(loaded), cases);
  const casesIn = countBy(cases, (c) => c.file);
  const chunksIn = countBy(chunks, (c) => c.file);
  for (const d of docs) {
    const n = casesIn.get(d.file) ?? 0;
    logger.info(`  ${d.file}: ${d.lineCount} lines, ${n} case${n === 1 ? '' : 's'}, ${chunksIn.get(d.file) ?? 0} chunks`);
  }

  // everything is written into a staging folder; a failure or a kill leaves the published index as it was
  const staging = await stageGeneration(config.indexDir);
  try {
    let method: string | null = null;
    const model = config.trainsModel ? { modelsDir: staging, model: GENERATION_MODEL } : { modelsDir: config.modelsDir, model: config.embedModel };
    if (config.trainsModel) {
      const trained = trainStaticModel(
        chunks.map((c) => c.indexText),
        opts.train,
      );
      method = trained.method;
      await writeModelFolder(join(staging, GENERATION_MODEL), trained, { id: modelId, corpusHash });
      logger.info(`trained ${config.embedModel}: ${trained.vocab.length} tokens × ${trained.dim} (${trained.method})`);
    }
    const embedder: Embedder = await createEmbedder({ ...model, threads: config.embedThreads });
    const hnsw = await embedIndex(
      embedder,
      chunks.map((c) => c.indexText),
    );
    const lexical = LexicalIndex.build(lexicalDocs(chunks, cases));
    // what search derives per case, computed here once rather than at every load
    const derived = await derivedFiles(cases, chunks, embedder);
    const manifest = manifestOf(docs, cases, chunks, warnings.length, { id: embedder.id, dim: embedder.dim, prefixes: embedder.prefixes ?? null, method });
    await embedder.dispose?.();
    await writeGenerationWarnings(staging, warnings);
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
    return { status: 'built', generation, published: opts.publish, changedFiles: changed, perDocument, changes, manifest, millis: Date.now() - t0 };
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}

/** The manifest of a new generation. */
function manifestOf(
  docs: Source[],
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

/** How many items fall under each key. */
function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const x of items) out.set(key(x), (out.get(key(x)) ?? 0) + 1);
  return out;
}
