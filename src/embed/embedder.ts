/**
 * The embedding seam: texts in, unit vectors out, through the transformers.js feature-extraction
 * pipeline (mean pooling, L2 normalisation) over a local model folder. Works the same for the
 * corpus-trained static model and for pretrained folders such as multilingual-e5.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { CasechatError } from '../errors.js';
import { ONNX_FILE, RECORD_FILE } from './model.js';

/** Text put before each query and each passage, as e5 models were trained. */
export type Prefixes = { query: string; passage: string } | null;

/** Turns texts into vectors of one fixed dimension. */
export interface Embedder {
  /** Model id to record in indexes (`casechat.json` id, else the folder name). */
  id: string;
  /** Vector dimension, read from the model's first output. */
  dim: number;
  /** One unit-length vector per text, in order; `kind` selects the e5 prefix when the model has one. */
  embed(texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]>;
  /** Prefixes put before queries and passages (e5-style models), or null. */
  prefixes?: Prefixes;
  dispose?(): Promise<void>;
}

/** Options of `createEmbedder`. */
export interface EmbedderOptions {
  /** Folder holding model folders (transformers.js `env.localModelPath`). */
  modelsDir: string;
  /** Model folder name under `modelsDir`, e.g. `casechat-static` or `Xenova/multilingual-e5-small`. */
  model: string;
  /** ONNX Runtime intra-op threads. Default 1. */
  threads?: number;
  /** Texts per pipeline call. Default 32. */
  batchSize?: number;
}

/** Defaults of `createEmbedder`: threads 1, batchSize 32. */
export const defaultEmbedderOptions = { threads: 1, batchSize: 32 } satisfies Partial<EmbedderOptions>;

/** Files a model folder must hold for the pipeline to load it. */
const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', ONNX_FILE];

/** Prefixes e5 models were trained with. */
const E5_PREFIXES = { query: 'query: ', passage: 'passage: ' };

async function readJson(file: string): Promise<Record<string, unknown> | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function checkFolder(folder: string): Promise<void> {
  const missing: string[] = [];
  for (const file of REQUIRED_FILES) {
    await access(path.join(folder, file)).catch(() => missing.push(file));
  }
  if (missing.length > 0) {
    throw new CasechatError(
      'MODEL_NOT_FOUND',
      'embed',
      `no usable model at ${folder} (missing ${missing.join(', ')}). Build the corpus model with the ingest ` +
        `step (npm run ingest), or place a transformers.js model folder there with ${REQUIRED_FILES.join(', ')}.`,
    );
  }
}

/** Prefixes from `casechat.json` when it says, else e5 prefixes when the model's name says e5. */
async function modelPrefixes(folder: string, model: string, record: Record<string, unknown> | null): Promise<Prefixes> {
  if (record && 'prefixes' in record) return (record.prefixes as Prefixes) ?? null;
  const config = await readJson(path.join(folder, 'config.json'));
  const names = `${model} ${String(config?._name_or_path ?? '')}`;
  return /(^|[^a-z0-9])e5([^a-z0-9]|$)/i.test(names) ? E5_PREFIXES : null;
}

/** Pipeline construction is serialised: it sets transformers.js' global env and patches ORT. */
let loading: Promise<unknown> = Promise.resolve();

/**
 * Run `load` while ORT sessions are created from `modelFile` with at most `threads` intra-op
 * threads. transformers.js 2.17.2 calls `InferenceSession.create(buffer, { executionProviders })`,
 * and onnxruntime-node 1.14 ignores session options given with a buffer (it parses the byte
 * offset argument as the options), so the session is created from the file path instead, where
 * options are honoured. `env.backends.onnx.wasm.numThreads` only affects the wasm backend.
 */
async function withThreadCap<T>(modelFile: string, threads: number, load: () => Promise<T>): Promise<T> {
  const factory = ort.InferenceSession;
  const original = factory.create;
  type FromPath = (file: string, o: ort.InferenceSession.SessionOptions) => Promise<ort.InferenceSession>;
  const fromPath = original.bind(factory) as FromPath;
  factory.create = ((_model: unknown, options?: ort.InferenceSession.SessionOptions) =>
    fromPath(modelFile, {
      ...options,
      // transformers.js lists ['cpu', 'wasm']; onnxruntime-node rejects 'wasm' once it reads options.
      executionProviders: ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
    })) as typeof original;
  try {
    return await load();
  } finally {
    factory.create = original;
  }
}

/**
 * Load a local model folder once and return an `Embedder` over it (see `defaultEmbedderOptions`).
 * Remote models are disabled. Throws MODEL_NOT_FOUND naming the folder when it is missing or
 * incomplete. A text with no known token (empty, punctuation only) embeds to the zero vector,
 * which is similar to nothing, rather than to NaNs.
 */
export async function createEmbedder(options: EmbedderOptions): Promise<Embedder> {
  const o = { ...defaultEmbedderOptions, ...options };
  const modelsDir = path.resolve(o.modelsDir);
  const folder = path.join(modelsDir, o.model);
  await checkFolder(folder);
  const record = await readJson(path.join(folder, RECORD_FILE));
  const prefixes = await modelPrefixes(folder, o.model, record);
  const { pipeline, env } = await import('@xenova/transformers');

  const create = async () => {
    env.localModelPath = modelsDir + path.sep;
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    return withThreadCap(path.join(folder, ONNX_FILE), o.threads, () => pipeline('feature-extraction', o.model, { quantized: true, local_files_only: true }));
  };
  const next = loading.then(create, create);
  loading = next.catch(() => undefined);
  const extractor = await next;

  /**
   * The pipeline's own steps (tokenizer with padding and truncation, then the model), with mean
   * pooling and L2 normalisation done here over the raw arrays: the same result as
   * `extractor(texts, { pooling: 'mean', normalize: true })` at a fraction of the cost, which
   * matters for the few-word texts every query embeds.
   */
  async function run(texts: string[]): Promise<{ rows: Float32Array[]; dim: number }> {
    const inputs = extractor.tokenizer(texts, { padding: true, truncation: true });
    const outputs = await extractor.model(inputs);
    const hidden = outputs.last_hidden_state ?? outputs.logits ?? outputs.token_embeddings;
    const [batch, seq, dim] = hidden.dims as number[];
    const data = hidden.data as Float32Array;
    const mask = inputs.attention_mask.data as BigInt64Array;
    const rows = texts.map(() => new Float32Array(dim));
    for (let b = 0; b < batch; b++) {
      const row = rows[b];
      let n = 0;
      for (let t = 0; t < seq; t++) {
        if (mask[b * seq + t] === 0n) continue;
        n++;
        const at = (b * seq + t) * dim;
        for (let d = 0; d < dim; d++) row[d] += data[at + d];
      }
      let norm = 0;
      for (let d = 0; d < dim; d++) norm += row[d] * row[d];
      norm = Math.sqrt(norm);
      // mean pooling over no tokens, or a zero mean, has no direction: the zero vector
      if (n === 0 || !(norm > 0)) row.fill(0);
      else for (let d = 0; d < dim; d++) row[d] /= norm;
    }
    return { rows, dim };
  }

  const { dim } = await run(['dimension probe']);
  return {
    id: typeof record?.id === 'string' ? record.id : o.model,
    dim,
    prefixes,
    async embed(texts, kind) {
      const prefix = prefixes ? prefixes[kind] : '';
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += o.batchSize) {
        const batch = texts.slice(start, start + o.batchSize).map((t) => prefix + t);
        out.push(...(await run(batch)).rows);
      }
      return out;
    },
    async dispose() {
      await extractor.dispose();
    },
  };
}
