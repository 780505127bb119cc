/**
 * Train the corpus model: static token vectors from the corpus itself, so casechat runs with
 * no downloaded model. Vectors come from a truncated SVD of a TF-IDF token–passage matrix (latent
 * semantic analysis), then are weighted by IDF so that transformers.js' mean pooling becomes an
 * IDF-weighted mean in which stop words count for little. (A PPMI word–context matrix was also
 * tried and did worse, alone and fused with BM25: DESIGN.md, "Embeddings".)
 */
import { CasechatError } from '../errors.js';
import { SPECIAL_TOKENS, wordpiece } from './tokenizer.js';
import { buildVocabulary, isContentToken, type VocabularyOptions } from './vocab.js';
import { randomizedSvd, type CsrMatrix } from './svd.js';

/** Options of `trainStaticModel`. */
export interface TrainOptions extends VocabularyOptions {
  /** Vector dimension (SVD rank). */
  dim: number;
  /** Exponent p in U·S^p. */
  singularValuePower: number;
  /** Randomised SVD: power iterations and seed. */
  powerIterations: number;
  seed: number;
  /** Weight added to every token's IDF, so a text of only common words still has a direction. */
  minWeight: number;
}

/**
 * Defaults of `trainStaticModel`: dim 160, singularValuePower 0.5, powerIterations 2, seed 1, minWeight 0.05; vocabulary: minCount 2,
 * endings and beginnings of 2–8 characters shared by at least 5 distinct words, at most 2000 of each.
 */
export const defaultTrainOptions: TrainOptions = {
  dim: 160,
  singularValuePower: 0.5,
  powerIterations: 2,
  seed: 1,
  minWeight: 0.05,
  minCount: 2,
  minPieceLength: 2,
  maxPieceLength: 8,
  minPieceWords: 5,
  maxPieces: 2000,
};

/** A trained static model: row i of `vectors` (row-major, `vocab.length × dim`) is token i's vector. */
export interface StaticModel {
  vocab: string[];
  vectors: Float32Array;
  dim: number;
  method: string;
  /** The options it was trained with. */
  options: TrainOptions;
}

/** Each text as the sequence of training units of its content tokens. */
function unitSequences(texts: readonly string[], tokens: string[], unitOf: Int32Array): Int32Array[] {
  const ids = new Map(tokens.map((t, i) => [t, i]));
  return texts.map((text) => {
    const units: number[] = [];
    for (const token of wordpiece(text, ids)) {
      const id = ids.get(token);
      if (id !== undefined && unitOf[id] >= 0 && isContentToken(token)) units.push(unitOf[id]);
    }
    return Int32Array.from(units);
  });
}

/** Passages containing each unit. */
function documentFrequencies(sequences: Int32Array[], unitCount: number): Int32Array {
  const df = new Int32Array(unitCount);
  for (const seq of sequences) for (const u of new Set(seq)) df[u] += 1;
  return df;
}

/**
 * TF-IDF unit × passage matrix: (1 + log tf) · log(N / df), written straight into CSR form. A
 * unit's row holds one entry per passage containing it (none when every passage does, as its
 * IDF is 0), so the rows are laid out from `df` and filled passage by passage, which keeps
 * each row's columns in order without sorting or an intermediate table of entries.
 */
export function tfidfMatrix(sequences: Int32Array[], unitCount: number, df: Int32Array): CsrMatrix {
  const n = sequences.length;
  const rowStart = new Int32Array(unitCount + 1);
  for (let u = 0; u < unitCount; u++) rowStart[u + 1] = rowStart[u] + (df[u] < n ? df[u] : 0);
  const nnz = rowStart[unitCount];
  const colIndex = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const next = rowStart.slice(0, unitCount);
  // counts of the passage's units, and which units it holds
  const tf = new Int32Array(unitCount);
  const held: number[] = [];
  sequences.forEach((seq, doc) => {
    for (const u of seq) if (tf[u]++ === 0) held.push(u);
    for (const u of held) {
      if (df[u] < n) {
        colIndex[next[u]] = doc;
        values[next[u]++] = (1 + Math.log(tf[u])) * Math.log(n / df[u]);
      }
      tf[u] = 0;
    }
    held.length = 0;
  });
  return { rows: unitCount, cols: n, rowStart, colIndex, values };
}

/** Resolve partial options against `defaultTrainOptions`. */
export function resolveTrainOptions(options: Partial<TrainOptions> = {}): TrainOptions {
  return { ...defaultTrainOptions, ...options };
}

/**
 * Train static token vectors on passage texts (see `defaultTrainOptions`). Deterministic: the
 * same texts and options give the same vectors. Special and punctuation tokens get zero vectors;
 * every other token's unit-length SVD vector is scaled by `ln((N + 1) / (df + 1)) + minWeight`,
 * N texts, df the texts holding it. Throws INVALID_ARGUMENT when the texts hold no word.
 */
export function trainStaticModel(texts: string[], options: Partial<TrainOptions> = {}): StaticModel {
  const o = resolveTrainOptions(options);
  const { tokens, units, unitOf } = buildVocabulary(texts, o);
  const sequences = unitSequences(texts, tokens, unitOf);
  if (!sequences.some((seq) => seq.length > 0)) {
    throw new CasechatError('INVALID_ARGUMENT', 'embed', `no word to train on in ${texts.length} text(s)`);
  }
  const df = documentFrequencies(sequences, units.length);
  const matrix = tfidfMatrix(sequences, units.length, df);
  const { u, s } = randomizedSvd(matrix, { rank: o.dim, powerIterations: o.powerIterations, seed: o.seed });

  const unitVectors = new Float64Array(units.length * o.dim);
  for (let r = 0; r < units.length; r++) {
    let norm = 0;
    for (let c = 0; c < o.dim; c++) {
      const v = u.data[r * o.dim + c] * s[c] ** o.singularValuePower;
      unitVectors[r * o.dim + c] = v;
      norm += v * v;
    }
    if (norm === 0) continue;
    const weight = (Math.log((texts.length + 1) / (df[r] + 1)) + o.minWeight) / Math.sqrt(norm);
    for (let c = 0; c < o.dim; c++) unitVectors[r * o.dim + c] *= weight;
  }

  const vectors = new Float32Array(tokens.length * o.dim);
  tokens.forEach((token, id) => {
    const unit = unitOf[id];
    if (id < SPECIAL_TOKENS.length || unit < 0 || !isContentToken(token)) return;
    for (let c = 0; c < o.dim; c++) vectors[id * o.dim + c] = unitVectors[unit * o.dim + c];
  });
  return { vocab: tokens, vectors, dim: o.dim, method: 'lsa', options: o };
}
