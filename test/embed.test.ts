import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@xenova/transformers';
import ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder, type Embedder } from '../src/embed/embedder.js';
import { ONNX_FILE, writeModelFolder } from '../src/embed/model.js';
import { orthonormalize, randomizedSvd, seededRandom } from '../src/embed/svd.js';
import { wordpiece } from '../src/embed/tokenizer.js';
import { foldDanish } from '../src/text/fold.js';
import { tfidfMatrix, trainStaticModel, type StaticModel } from '../src/embed/train.js';

const corpusDir = fileURLToPath(new URL('../corpus/', import.meta.url));

/** Corpus paragraphs (blank-line separated), in file order. */
async function corpusParagraphs(): Promise<string[]> {
  const files = (await readdir(corpusDir)).filter((f) => f.endsWith('.txt')).sort();
  const texts = await Promise.all(files.map((f) => readFile(path.join(corpusDir, f), 'utf8')));
  return texts.flatMap((t) =>
    t
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
  );
}

function dot(a: Float32Array, b: Float32Array): number {
  return a.reduce((s, x, i) => s + x * b[i], 0);
}

/** transformers.js' tokenizer for a model folder, as the pipeline loads it. */
async function loadTokenizer(modelsDir: string, model: string) {
  env.localModelPath = modelsDir + path.sep;
  env.allowRemoteModels = false;
  return AutoTokenizer.from_pretrained(model);
}

let modelsDir: string;
beforeAll(async () => {
  modelsDir = await mkdtemp(path.join(tmpdir(), 'casechat-embed-'));
});
afterAll(async () => {
  await rm(modelsDir, { recursive: true, force: true });
});

describe('foldDanish', () => {
  it('folds æ, ø, å and the digraphs ae, oe, aa so spellings without a Danish keyboard match', () => {
    expect(['hjemløse', 'hjemloese', 'hjemlose', 'HJEMLØSE'].map((w) => foldDanish(w))).toEqual(Array(4).fill('hjemlose'));
    expect(['Århus', 'Aarhus', 'århus'].map((w) => foldDanish(w))).toEqual(['arhus', 'arhus', 'arhus']);
    expect(foldDanish('Ældre Sundhed')).toBe('aldre sundhed');
  });

  it('strips other accents and compatibility forms', () => {
    expect(foldDanish('Café naïve ﬁnans')).toBe('cafe naive finans');
  });
});

describe('wordpiece', () => {
  const vocab = new Set(['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'hjemlose', '##omradet', 'bolig', '##er', '.']);

  it('splits an unseen compound into a known word and a continuation piece', () => {
    expect(wordpiece('Hjemløseområdet', vocab)).toEqual(['hjemlose', '##omradet']);
    expect(wordpiece('boliger.', vocab)).toEqual(['bolig', '##er', '.']);
  });

  it('makes a word with an unmatched part one [UNK], and keeps literal special tokens', () => {
    expect(wordpiece('boligx [SEP] robot', vocab)).toEqual(['[UNK]', '[SEP]', '[UNK]']);
  });
});

describe('tfidfMatrix', () => {
  it('holds (1 + ln tf) · ln(N / df) for each unit and passage holding it, rows in passage order, none for a unit in every passage', () => {
    // units 0..3 over three passages; unit 2 is in every passage
    const m = tfidfMatrix([Int32Array.from([0, 2, 0]), Int32Array.from([2, 1]), Int32Array.from([1, 2, 1, 1])], 4, Int32Array.from([1, 2, 3, 0]));
    expect([m.rows, m.cols]).toEqual([4, 3]);
    expect([...m.rowStart]).toEqual([0, 1, 3, 3, 3]);
    expect([...m.colIndex]).toEqual([0, 1, 2]);
    expect([...m.values]).toEqual([(1 + Math.log(2)) * Math.log(3), Math.log(3 / 2), (1 + Math.log(3)) * Math.log(3 / 2)]);
  });
});

/** Modified Gram–Schmidt as written in textbooks: one projection removed at a time. */
function textbookGramSchmidt(x: { rows: number; cols: number; data: Float64Array }, passes: number): Float64Array {
  const cols: Float64Array[] = [];
  const dotOf = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i], 0);
  for (let c = 0; c < x.cols; c++) {
    const col = Float64Array.from({ length: x.rows }, (_, r) => x.data[r * x.cols + c]);
    const original = Math.sqrt(dotOf(col, col));
    for (let pass = 0; pass < passes; pass++) {
      for (const q of cols) {
        const d = dotOf(q, col);
        if (d !== 0) for (let r = 0; r < x.rows; r++) col[r] -= d * q[r];
      }
    }
    const norm = Math.sqrt(dotOf(col, col));
    if (norm > 1e-10 * original && norm > 0) for (let r = 0; r < x.rows; r++) col[r] /= norm;
    else col.fill(0);
    cols.push(col);
  }
  return Float64Array.from({ length: x.rows * x.cols }, (_, i) => cols[i % x.cols][Math.floor(i / x.cols)]);
}

describe('orthonormalize', () => {
  it('gives bit for bit the basis of textbook modified Gram–Schmidt, with one pass and with two', () => {
    const random = seededRandom(7);
    const x = { rows: 300, cols: 40, data: Float64Array.from({ length: 300 * 40 }, () => random() - 0.5) };
    // a column that depends on earlier ones becomes zero
    for (let r = 0; r < x.rows; r++) x.data[r * x.cols + 5] = x.data[r * x.cols + 1] - 2 * x.data[r * x.cols + 3];
    for (const passes of [1, 2]) {
      const ours = orthonormalize(x, passes).data;
      expect(Buffer.from(ours.buffer).equals(Buffer.from(textbookGramSchmidt(x, passes).buffer))).toBe(true);
      expect(Array.from({ length: x.rows }, (_, r) => ours[r * x.cols + 5]).every((v) => v === 0)).toBe(true);
    }
  });
});

describe('randomizedSvd', () => {
  it('finds the singular values of a small sparse matrix', () => {
    // diag(5, 3, 1) with one off-diagonal entry: singular values of [[5,4],[0,3]] are 3√5 and √5.
    const a = {
      rows: 3,
      cols: 3,
      rowStart: Int32Array.from([0, 2, 3, 4]),
      colIndex: Int32Array.from([0, 1, 1, 2]),
      values: Float64Array.from([5, 4, 3, 1]),
    };
    const { s, u } = randomizedSvd(a, { rank: 2, oversample: 1 });
    expect(s[0]).toBeCloseTo(3 * Math.sqrt(5), 10);
    expect(s[1]).toBeCloseTo(Math.sqrt(5), 10);
    expect(Math.hypot(u.data[0], u.data[2], u.data[4])).toBeCloseTo(1, 10);
  });
});

describe('a tiny hand-made model through the transformers.js pipeline', () => {
  const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'hjemlose', 'unge', 'bolig', 'robot', '##omradet', 'arhus', '.'];
  const dim = 4;
  const vectors = new Float32Array(vocab.length * dim);
  vocab.forEach((_, i) => {
    if (i >= 4) for (let c = 0; c < dim; c++) vectors[i * dim + c] = ((i * 7 + c * 3) % 5) - 2 + 0.5 * c;
  });
  const row = (token: string) => vectors.slice(vocab.indexOf(token) * dim, (vocab.indexOf(token) + 1) * dim);
  let embedder: Embedder;

  beforeAll(async () => {
    const meta = { id: 'tiny-test', corpusHash: 'h' };
    await writeModelFolder(path.join(modelsDir, 'tiny'), { vocab, vectors, dim, method: 'hand' }, meta);
    embedder = await createEmbedder({ modelsDir, model: 'tiny' });
  });
  afterAll(async () => {
    await embedder.dispose?.();
  });

  it('reports the id from casechat.json, the dimension of its output and no prefixes', () => {
    expect([embedder.id, embedder.dim, embedder.prefixes]).toEqual(['tiny-test', 4, null]);
  });

  it("embeds a text as the normalised mean of its tokens' rows", async () => {
    const [v] = await embedder.embed(['Hjemløseområdet i Århus'], 'query');
    // "i" is unknown: [UNK] has a zero row but still counts in the mean, which normalising undoes.
    const sum = [row('hjemlose'), row('##omradet'), row('arhus')].reduce((a, b) => a.map((x, i) => x + b[i]));
    const norm = Math.hypot(...sum);
    Array.from(sum).forEach((x, i) => {
      expect(v[i]).toBeCloseTo(x / norm, 6);
    });
  });

  it('tokenises and embeds hjemløse, hjemloese and hjemlose identically', async () => {
    const tokenizer = await loadTokenizer(modelsDir, 'tiny');
    const ids = ['hjemløse', 'hjemloese', 'hjemlose'].map((w) => tokenizer.encode(w));
    expect(ids).toEqual([[4], [4], [4]]);
    const [a, b, c] = await embedder.embed(['hjemløse unge', 'Hjemloese UNGE', 'hjemlose unge'], 'passage');
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).toEqual(Array.from(a));
  });

  it('gives the zero vector to empty texts and texts with no known token', async () => {
    const [empty, unknown, bolig] = await embedder.embed(['', 'xyz', 'bolig'], 'passage');
    expect([Array.from(empty), Array.from(unknown)]).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    const norm = Math.hypot(...row('bolig'));
    row('bolig').forEach((x, i) => {
      expect(bolig[i]).toBeCloseTo(x / norm, 6);
    });
  });

  it('feeds the ONNX session input_ids and attention_mask only', async () => {
    const session = await ort.InferenceSession.create(path.join(modelsDir, 'tiny', ONNX_FILE));
    expect([session.inputNames, session.outputNames]).toEqual([['input_ids', 'attention_mask'], ['last_hidden_state']]);
    const tokenizer = await loadTokenizer(modelsDir, 'tiny');
    const encoded = tokenizer(['bolig', 'hjemløse unge'], { padding: true });
    expect(Object.keys(encoded).sort()).toEqual(['attention_mask', 'input_ids']);
  });
});

describe('writeModelFolder', () => {
  it('replaces an existing folder and leaves no temporary folder behind', async () => {
    const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'bolig'];
    const dir = path.join(modelsDir, 'rewrite');
    const meta = (id: string) => ({ id, corpusHash: `hash-${id}` });
    await writeModelFolder(dir, { vocab, vectors: new Float32Array(10), dim: 2, method: 'm' }, meta('a'));
    await writeModelFolder(dir, { vocab, vectors: new Float32Array(15), dim: 3, method: 'm' }, meta('b'));
    const record = JSON.parse(await readFile(path.join(dir, 'casechat.json'), 'utf8'));
    expect([record.id, record.dim, record.corpusHash, record.prefixes]).toEqual(['b', 3, 'hash-b', null]);
    expect((await readdir(modelsDir)).filter((f) => f.startsWith('rewrite'))).toEqual(['rewrite']);
  });

  it('refuses vectors that do not match vocabulary × dim', async () => {
    const model = { vocab: ['[PAD]'], vectors: new Float32Array(3), dim: 2, method: 'x' };
    const meta = { id: 'x', corpusHash: 'h' };
    const error = await writeModelFolder(path.join(modelsDir, 'bad'), model, meta).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', component: 'embed' });
  });
});

describe('createEmbedder', () => {
  const threadCount = async () => (await readdir('/proc/self/task')).length;

  it.runIf(process.platform === 'linux')('caps ONNX Runtime at the given number of intra-op threads', async () => {
    const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'bolig'];
    const model = { vocab, vectors: new Float32Array(10).fill(1), dim: 2, method: 'm' };
    await writeModelFolder(path.join(modelsDir, 'threads'), model, { id: 'threads', corpusHash: 'h' });
    const added: number[] = [];
    for (const threads of [1, 3]) {
      const before = await threadCount();
      const embedder = await createEmbedder({ modelsDir, model: 'threads', threads });
      added.push((await threadCount()) - before);
      await embedder.dispose?.();
    }
    // An intra-op pool of n threads starts n - 1 workers beside the calling thread.
    expect(added).toEqual([0, 2]);
  });

  it('prepends "query: " and "passage: " for an e5 model folder without casechat.json', async () => {
    const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'query', 'passage', ':', 'bolig'];
    const vectors = Float32Array.from({ length: vocab.length * 2 }, (_, i) => (i < 8 ? 0 : (i % 5) + 1));
    const meta = { id: 'e5', corpusHash: 'h' };
    await writeModelFolder(path.join(modelsDir, 'mini-e5'), { vocab, vectors, dim: 2, method: 'm' }, meta);
    await rm(path.join(modelsDir, 'mini-e5', 'casechat.json'));
    const embedder = await createEmbedder({ modelsDir, model: 'mini-e5' });
    const [query] = await embedder.embed(['bolig'], 'query');
    const [passage] = await embedder.embed(['bolig'], 'passage');
    await embedder.dispose?.();
    const mean = (tokens: number[]) => {
      const sum = [0, 1].map((c) => tokens.reduce((s, t) => s + vectors[t * 2 + c], 0));
      return sum.map((x) => x / Math.hypot(...sum));
    };
    expect([embedder.id, embedder.prefixes]).toEqual(['mini-e5', { query: 'query: ', passage: 'passage: ' }]);
    mean([4, 6, 7]).forEach((x, i) => {
      expect(query[i]).toBeCloseTo(x, 6);
    });
    mean([5, 6, 7]).forEach((x, i) => {
      expect(passage[i]).toBeCloseTo(x, 6);
    });
  });

  it('throws MODEL_NOT_FOUND naming the folder when the model is missing', async () => {
    const error = await createEmbedder({ modelsDir, model: 'no-such-model' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MODEL_NOT_FOUND', component: 'embed' });
    expect((error as Error).message).toContain(path.join(modelsDir, 'no-such-model'));
  });
});

describe('trainStaticModel on the corpus', () => {
  let texts: string[];
  let model: StaticModel;
  let seconds: number;
  let embedder: Embedder;

  beforeAll(async () => {
    texts = await corpusParagraphs();
    const t0 = performance.now();
    model = trainStaticModel(texts);
    seconds = (performance.now() - t0) / 1000;
    await writeModelFolder(path.join(modelsDir, 'corpus'), model, { id: 'corpus-test', corpusHash: 'h' });
    embedder = await createEmbedder({ modelsDir, model: 'corpus' });
  }, 60_000);
  afterAll(async () => {
    await embedder.dispose?.();
  });

  it('trains in well under 20 seconds', () => {
    expect(seconds).toBeLessThan(20);
  });

  it('is deterministic: the same texts give the same vocabulary and vectors', () => {
    const again = trainStaticModel(texts);
    expect(again.vocab).toEqual(model.vocab);
    // Bitwise equality; a deep toEqual over 1.5M floats is slow.
    expect(Buffer.from(again.vectors.buffer).equals(Buffer.from(model.vectors.buffer))).toBe(true);
  }, 60_000);

  it('tokenises every corpus paragraph, and its spelling without æ/ø/å, exactly as transformers.js does', async () => {
    const tokenizer = await loadTokenizer(modelsDir, 'corpus');
    const ids = new Map(model.vocab.map((t, i) => [t, i]));
    const ascii = (t: string) => t.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/Å/g, 'Aa');
    const samples = [...texts, ...texts.map(ascii), 'Hjemløseudspillet for softwarerobotter i Aarhus', 'x'.repeat(101)];
    const mismatches = samples.filter((t) => {
      const ours = wordpiece(t, ids).map((tok) => ids.get(tok));
      const theirs: number[] = tokenizer.encode(t);
      return ours.length !== theirs.length || ours.some((id, i) => id !== theirs[i]);
    });
    expect(mismatches).toEqual([]);
  }, 60_000);

  it('gives special tokens and punctuation zero vectors', () => {
    const zero = (t: string) => {
      const i = model.vocab.indexOf(t);
      return model.vectors.slice(i * model.dim, (i + 1) * model.dim).every((x) => x === 0);
    };
    const tokens = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '.', ',', 'hjemlose'];
    expect(tokens.map(zero)).toEqual([true, true, true, true, true, true, false]);
  });

  it('puts hjemløse nearer to hjemløshed and bolig than to robot, and robot nearer to robotten', async () => {
    const [hjemlose, hjemloshed, bolig, robot, robotten] = await embedder.embed(['hjemløse', 'hjemløshed', 'bolig', 'robot', 'robotten'], 'query');
    expect(dot(hjemlose, hjemloshed)).toBeGreaterThan(dot(hjemlose, robot));
    expect(dot(hjemlose, bolig)).toBeGreaterThan(dot(hjemlose, robot));
    expect(dot(robot, robotten)).toBeGreaterThan(dot(robot, hjemlose));
  });
});
