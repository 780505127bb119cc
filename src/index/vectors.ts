import hnswlib from 'hnswlib-node';

/** HNSW parameters (hnswlib, cosine space). */
export interface HnswOptions {
  /** Links per node. Default 16. */
  M: number;
  /** Candidate list size while building. Default 200. */
  efConstruction: number;
  /** Candidate list size while searching (≥ k). Default 64. */
  efSearch: number;
  /** Seed of the level generator, for reproducible indexes. Default 100. */
  randomSeed: number;
}

/** Defaults: recall@10 ≥ 0.99 against exact search on the corpus chunks (see test/vectors.test.ts). */
export const defaultHnswOptions: HnswOptions = { M: 16, efConstruction: 200, efSearch: 64, randomSeed: 100 };

export interface VectorHit {
  /** Position of the vector (its label). */
  label: number;
  /** Cosine similarity (1 − cosine distance). */
  similarity: number;
}

/** The vector index seam: add vectors under integer labels, search by similarity. */
export interface VectorIndex {
  readonly dim: number;
  readonly size: number;
  search(vector: Float32Array, k: number): VectorHit[];
  save(path: string): Promise<void>;
}

/** An HNSW index over unit vectors, built with hnswlib-node. */
export class HnswIndex implements VectorIndex {
  private constructor(
    private readonly index: InstanceType<typeof hnswlib.HierarchicalNSW>,
    readonly dim: number,
    readonly options: HnswOptions,
  ) {}

  /** Builds an index of `vectors` (label = position). The dimension comes from the vectors. */
  static build(vectors: Float32Array[], options: Partial<HnswOptions> = {}): HnswIndex {
    const index = HnswIndex.create(vectors[0]?.length ?? 0, vectors.length, options);
    vectors.forEach((v, i) => {
      index.add(v, i);
    });
    return index;
  }

  /**
   * An empty index for up to `capacity` vectors of `dim` dimensions, to be filled with `add`, so
   * vectors can be added as they are made rather than all held first.
   */
  static create(dim: number, capacity: number, options: Partial<HnswOptions> = {}): HnswIndex {
    const opts = { ...defaultHnswOptions, ...options };
    const index = new hnswlib.HierarchicalNSW('cosine', dim);
    index.initIndex(Math.max(1, capacity), opts.M, opts.efConstruction, opts.randomSeed);
    index.setEf(opts.efSearch);
    return new HnswIndex(index, dim, opts);
  }

  /** Adds a vector under `label`. */
  add(vector: Float32Array, label: number): void {
    this.index.addPoint(Array.from(vector), label);
  }

  /** Loads an index written by `save`. */
  static async load(path: string, dim: number, options: Partial<HnswOptions> = {}): Promise<HnswIndex> {
    const opts = { ...defaultHnswOptions, ...options };
    const index = new hnswlib.HierarchicalNSW('cosine', dim);
    await index.readIndex(path);
    index.setEf(opts.efSearch);
    return new HnswIndex(index, dim, opts);
  }

  get size(): number {
    return this.index.getCurrentCount();
  }

  // the stored vectors, read out of the native index once each (reading one costs a copy)
  private readonly stored = new Map<number, Float32Array>();

  /** The cosine similarity of `vector` (a unit vector) to the vector stored under each label. */
  similarities(vector: Float32Array, labels: number[]): number[] {
    return labels.map((label) => {
      let v = this.stored.get(label);
      if (!v) {
        v = Float32Array.from(this.index.getPoint(label));
        this.stored.set(label, v);
      }
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i] * vector[i];
      return dot;
    });
  }

  search(vector: Float32Array, k: number): VectorHit[] {
    const n = Math.min(k, this.size);
    if (n === 0) return [];
    if (this.options.efSearch < n) this.index.setEf(n);
    const { neighbors, distances } = this.index.searchKnn(Array.from(vector), n);
    return neighbors.map((label, i) => ({ label, similarity: 1 - distances[i] }));
  }

  async save(path: string): Promise<void> {
    await this.index.writeIndex(path);
  }
}

/** Exact cosine search over unit vectors (the reference HNSW is measured against). */
export function exactSearch(vectors: Float32Array[], query: Float32Array, k: number): VectorHit[] {
  return vectors
    .map((v, label) => {
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i] * query[i];
      return { label, similarity: dot };
    })
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
}
