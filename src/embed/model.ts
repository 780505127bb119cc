/**
 * Write a trained static model as a transformers.js model folder:
 *
 *   <dir>/config.json             model_type "bert", so the feature-extraction pipeline runs it as an encoder
 *   <dir>/tokenizer.json          WordPiece + Danish folding normalizer (see tokenizer.ts)
 *   <dir>/tokenizer_config.json
 *   <dir>/onnx/model_quantized.onnx  the Gather graph (see onnx.ts); the name the pipeline loads by default
 *   <dir>/casechat.json           what casechat needs to know about the model (format, id, method, dim, pooling)
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CasechatError } from '../errors.js';
import { encodeGatherModel } from './onnx.js';
import { tokenizerFiles } from './tokenizer.js';

/** Version of the `casechat.json` record; bump when its meaning changes. */
export const MODEL_FORMAT_VERSION = 1;

/** File the pipeline loads for a folder when `quantized` is true (transformers.js' default). */
export const ONNX_FILE = path.join('onnx', 'model_quantized.onnx');

/** The vectors and vocabulary to write (a `StaticModel` from `trainStaticModel` fits). */
export interface ModelTables {
  vocab: readonly string[];
  vectors: Float32Array;
  dim: number;
  method: string;
  /** Training options, recorded for provenance when given. */
  options?: object;
}

/** Provenance of a model folder. */
export interface ModelMeta {
  /** Model id recorded in indexes built with it, e.g. `casechat-static-<hash prefix>`. */
  id: string;
  /** Hash of the corpus the model was trained on. */
  corpusHash: string;
}

/** Contents of `casechat.json`. */
export interface CasechatModelRecord {
  format: number;
  id: string;
  method: string;
  dim: number;
  vocabSize: number;
  pooling: 'mean';
  normalize: true;
  /** Text prepended to queries and passages (e5-style models); null for corpus models. */
  prefixes: { query: string; passage: string } | null;
  corpusHash: string;
  options: object | null;
}

/** Name of the record file in a model folder. */
export const RECORD_FILE = 'casechat.json';

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Replace `dir` by `tmp`: move the old folder aside, move the new one in, then drop the old one. */
async function swapInto(tmp: string, dir: string): Promise<void> {
  const old = `${dir}.old-${process.pid}`;
  await rm(old, { recursive: true, force: true });
  try {
    await rename(dir, old);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await rename(tmp, dir);
  await rm(old, { recursive: true, force: true });
}

/**
 * Write a model folder at `dir`, atomically: everything is written under `dir + '.tmp-<pid>'`
 * and renamed into place, so a crash leaves either the old folder or the new one, never half
 * of one. Throws INVALID_ARGUMENT when the vectors do not match `vocab.length × dim`.
 */
export async function writeModelFolder(dir: string, model: ModelTables, meta: ModelMeta): Promise<CasechatModelRecord> {
  const { vocab, vectors, dim } = model;
  if (vectors.length !== vocab.length * dim) {
    throw new CasechatError('INVALID_ARGUMENT', 'embed', `model has ${vectors.length} vector values, expected vocab ${vocab.length} × dim ${dim}`);
  }
  const { tokenizerJson, tokenizerConfig } = tokenizerFiles(vocab);
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: dim,
    vocab_size: vocab.length,
    num_hidden_layers: 0,
    pad_token_id: 0,
    casechat_static: true,
  };
  const record: CasechatModelRecord = {
    format: MODEL_FORMAT_VERSION,
    id: meta.id,
    method: model.method,
    dim,
    vocabSize: vocab.length,
    pooling: 'mean',
    normalize: true,
    prefixes: null,
    corpusHash: meta.corpusHash,
    options: model.options ?? null,
  };
  const target = path.resolve(dir);
  const tmp = `${target}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  try {
    await mkdir(path.join(tmp, 'onnx'), { recursive: true });
    await writeFile(path.join(tmp, 'config.json'), json(config));
    await writeFile(path.join(tmp, 'tokenizer.json'), json(tokenizerJson));
    await writeFile(path.join(tmp, 'tokenizer_config.json'), json(tokenizerConfig));
    await writeFile(path.join(tmp, ONNX_FILE), encodeGatherModel(vectors, vocab.length, dim));
    await writeFile(path.join(tmp, RECORD_FILE), json(record));
    await swapInto(tmp, target);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  return record;
}
