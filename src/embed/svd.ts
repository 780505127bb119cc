/**
 * Truncated SVD of a sparse matrix by randomised range finding (Halko, Martinsson & Tropp 2011,
 * algorithms 4.3/4.4 and 5.1): Y = (A Aᵀ)^q A Ω with re-orthonormalisation after each A Aᵀ, then
 * an exact eigen-decomposition of the small matrix B Bᵀ, B = Qᵀ A. Deterministic for a given seed.
 */

/** A sparse matrix in compressed sparse row form. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  /** Row i's entries are at `rowStart[i] .. rowStart[i + 1] - 1`. */
  rowStart: Int32Array;
  colIndex: Int32Array;
  values: Float64Array;
}

/** A dense row-major matrix. */
export interface DenseMatrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Options of `randomizedSvd`. */
export interface SvdOptions {
  /** Number of singular triplets kept. */
  rank: number;
  /** Extra random directions sampled beyond `rank`. Default 10. */
  oversample: number;
  /** Power iterations (A Aᵀ) that sharpen the spectrum. Default 2. */
  powerIterations: number;
  /** Seed of the Gaussian test matrix. Default 1. */
  seed: number;
}

/** Defaults of `randomizedSvd`: oversample 10, 2 power iterations, seed 1 (rank has no default). */
export const defaultSvdOptions: Omit<SvdOptions, 'rank'> = { oversample: 10, powerIterations: 2, seed: 1 };

/** Leading left singular vectors (row-major `rows × rank`, columns in order) and singular values. */
export interface SvdResult {
  u: DenseMatrix;
  s: Float64Array;
}

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussianMatrix(rows: number, cols: number, seed: number): DenseMatrix {
  const random = seededRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i += 2) {
    // Box–Muller: two independent standard normals from two uniforms.
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const theta = 2 * Math.PI * random();
    data[i] = r * Math.cos(theta);
    if (i + 1 < data.length) data[i + 1] = r * Math.sin(theta);
  }
  return { rows, cols, data };
}

/** A · X for sparse A (m × n) and dense X (n × k). */
export function multiply(a: CsrMatrix, x: DenseMatrix): DenseMatrix {
  const k = x.cols;
  const out = new Float64Array(a.rows * k);
  for (let i = 0; i < a.rows; i++) {
    const o = i * k;
    for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) {
      const v = a.values[p];
      const xo = a.colIndex[p] * k;
      for (let c = 0; c < k; c++) out[o + c] += v * x.data[xo + c];
    }
  }
  return { rows: a.rows, cols: k, data: out };
}

/** Aᵀ · X for sparse A (m × n) and dense X (m × k). */
export function multiplyTransposed(a: CsrMatrix, x: DenseMatrix): DenseMatrix {
  const k = x.cols;
  const out = new Float64Array(a.cols * k);
  for (let i = 0; i < a.rows; i++) {
    const xo = i * k;
    for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) {
      const v = a.values[p];
      const o = a.colIndex[p] * k;
      for (let c = 0; c < k; c++) out[o + c] += v * x.data[xo + c];
    }
  }
  return { rows: a.cols, cols: k, data: out };
}

/**
 * Orthonormal basis of X's column space by modified Gram–Schmidt; `passes` = 2 re-orthogonalises
 * each column once more ("twice is enough"). Columns dependent on earlier ones become zero.
 */
export function orthonormalize(x: DenseMatrix, passes = 2): DenseMatrix {
  const { rows, cols } = x;
  const columns: Float64Array[] = [];
  for (let c = 0; c < cols; c++) {
    const col = new Float64Array(rows);
    for (let r = 0; r < rows; r++) col[r] = x.data[r * cols + c];
    const original = Math.sqrt(dot(col, col));
    for (let pass = 0; pass < passes; pass++) subtractProjections(col, columns);
    const norm = Math.sqrt(dot(col, col));
    if (norm > 1e-10 * original && norm > 0) for (let r = 0; r < rows; r++) col[r] /= norm;
    else col.fill(0);
    columns.push(col);
  }
  const data = new Float64Array(rows * cols);
  columns.forEach((col, c) => {
    for (let r = 0; r < rows; r++) data[r * cols + c] = col[r];
  });
  return { rows, cols, data };
}

/**
 * One modified Gram–Schmidt pass: `col` -= (q·col) q for each q in turn. Removing one q and
 * taking the dot product with the next are done in the same sweep over `col`, which halves the
 * passes over memory and gives exactly the values of doing them one after the other.
 */
function subtractProjections(col: Float64Array, qs: Float64Array[]): void {
  if (qs.length === 0) return;
  const n = col.length;
  let d = dot(qs[0], col);
  for (let j = 0; j < qs.length; j++) {
    const q = qs[j];
    const next = qs[j + 1];
    if (d === 0) {
      d = next ? dot(next, col) : 0;
      continue;
    }
    if (!next) {
      for (let r = 0; r < n; r++) col[r] -= d * q[r];
      return;
    }
    let e = 0;
    for (let r = 0; r < n; r++) {
      const v = col[r] - d * q[r];
      col[r] = v;
      e += next[r] * v;
    }
    d = e;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Eigen-decomposition of a small symmetric matrix (n × n, row-major) by cyclic Jacobi rotations.
 * Returns eigenvalues in descending order and the matching eigenvectors as columns.
 */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: DenseMatrix } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        total += a[i * n + j] ** 2;
        if (i !== j) off += a[i * n + j] ** 2;
      }
    }
    if (off <= 1e-24 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i] || i - j);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src];
  });
  return { values, vectors: { rows: n, cols: n, data: vectors } };
}

/**
 * Leading `rank` singular values and left singular vectors of a sparse matrix. Each vector's
 * largest-magnitude entry is made positive, so the result does not depend on sign conventions.
 * Components beyond the matrix's rank come out as zero columns with singular value 0.
 */
export function randomizedSvd(a: CsrMatrix, options: Pick<SvdOptions, 'rank'> & Partial<SvdOptions>): SvdResult {
  const o: SvdOptions = { ...defaultSvdOptions, ...options };
  const width = Math.min(o.rank + o.oversample, a.rows, a.cols);
  // Subspace iteration, orthonormalising once per A Aᵀ product: that keeps the columns apart
  // in double precision for a few iterations at half the cost of Halko's algorithm 4.4. Only
  // the final basis must be orthonormal to working precision (two Gram–Schmidt passes).
  let q = orthonormalize(multiply(a, gaussianMatrix(a.cols, width, o.seed)), o.powerIterations === 0 ? 2 : 1);
  for (let i = 0; i < o.powerIterations; i++) {
    q = orthonormalize(multiply(a, multiplyTransposed(a, q)), i === o.powerIterations - 1 ? 2 : 1);
  }
  // B = Qᵀ A is width × n; store Bᵀ = Aᵀ Q (n × width) and form the small B Bᵀ = (Bᵀ)ᵀ Bᵀ.
  const bt = multiplyTransposed(a, q);
  const gram = new Float64Array(width * width);
  for (let r = 0; r < bt.rows; r++) {
    const o2 = r * width;
    for (let i = 0; i < width; i++) {
      const bi = bt.data[o2 + i];
      if (bi === 0) continue;
      for (let j = i; j < width; j++) gram[i * width + j] += bi * bt.data[o2 + j];
    }
  }
  for (let i = 0; i < width; i++) for (let j = 0; j < i; j++) gram[i * width + j] = gram[j * width + i];
  const { values, vectors } = symmetricEigen(gram, width);
  const rank = o.rank;
  const kept = Math.min(rank, width);
  const s = new Float64Array(rank);
  for (let c = 0; c < kept; c++) {
    s[c] = Math.sqrt(Math.max(0, values[c]));
    if (s[c] <= 1e-12 * Math.max(s[0], 1e-300)) s[c] = 0;
  }
  // U = Q W: row r of U is row r of Q times the leading eigenvectors (zero where s is 0; the
  // values are in descending order, so those are the last ones).
  let nonZero = 0;
  while (nonZero < kept && s[nonZero] > 0) nonZero++;
  const u = new Float64Array(a.rows * rank);
  const qd = q.data;
  const w = vectors.data;
  for (let r = 0; r < a.rows; r++) {
    const ur = r * rank;
    for (let k = 0; k < width; k++) {
      const qrk = qd[r * width + k];
      if (qrk === 0) continue;
      const wk = k * width;
      for (let c = 0; c < nonZero; c++) u[ur + c] += qrk * w[wk + c];
    }
  }
  // Sign convention: each vector's largest-magnitude entry is positive.
  for (let c = 0; c < kept; c++) {
    let largest = 0;
    for (let r = 0; r < a.rows; r++) if (Math.abs(u[r * rank + c]) > Math.abs(largest)) largest = u[r * rank + c];
    if (largest < 0) for (let r = 0; r < a.rows; r++) u[r * rank + c] = -u[r * rank + c];
  }
  return { u: { rows: a.rows, cols: rank, data: u }, s };
}
