import { describe, expect, it } from 'vitest';
import { exactSearch, HnswIndex } from '../src/index/vectors.js';
import { testEngine } from './app.js';

describe('vectors', () => {
  it('finds ≥ 99% of the exact top 10 with the default HNSW parameters on the corpus chunks', async () => {
    const engine = await testEngine();
    const texts = engine.index.chunks.map((c) => c.indexText);
    const vectors = await engine.embedder!.embed(texts, 'passage');
    const index = HnswIndex.build(vectors);
    const queries = await engine.embedder!.embed(
      engine.index.cases.map((c) => c.title + ' ' + c.summary),
      'query',
    );
    let found = 0;
    for (const q of queries) {
      const exact = new Set(exactSearch(vectors, q, 10).map((h) => h.label));
      found += index.search(q, 10).filter((h) => exact.has(h.label)).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.99);
  });

  it('filled vector by vector, finds each vector as its own nearest neighbour under its label', () => {
    const vectors = Array.from({ length: 300 }, (_, i) => Float32Array.from({ length: 8 }, (_, d) => Math.sin(i * 7 + d * 3)));
    const index = HnswIndex.create(8, vectors.length);
    vectors.forEach((v, i) => {
      index.add(v, 1000 + i);
    });
    expect([index.size, index.dim]).toEqual([300, 8]);
    expect(vectors.map((v) => index.search(v, 1)[0].label)).toEqual(vectors.map((_, i) => 1000 + i));
  });

  it('gives the cosine of a vector to stored ones by label, as the search does', () => {
    const unit = (v: number[]) => {
      const n = Math.hypot(...v);
      return Float32Array.from(v.map((x) => x / n));
    };
    const vectors = [unit([1, 0, 0]), unit([1, 1, 0]), unit([0, 0, 1])];
    const index = HnswIndex.build(vectors);
    const q = unit([1, 0.2, 0]);
    const sims = index.similarities(q, [0, 1, 2]);
    for (const h of index.search(q, 3)) expect(sims[h.label]).toBeCloseTo(h.similarity, 5);
  });

  it('takes its dimension from the vectors and round-trips through a file', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const vs = [new Float32Array([1, 0, 0]), new Float32Array([0, 1, 0]), new Float32Array([0.6, 0.8, 0])];
    const index = HnswIndex.build(vs);
    expect(index.dim).toBe(3);
    const path = `${mkdtempSync(`${tmpdir()}/hnsw-`)}/v.hnsw`;
    await index.save(path);
    const copy = await HnswIndex.load(path, 3);
    expect(copy.search(new Float32Array([1, 0, 0]), 2).map((h) => h.label)).toEqual([0, 2]);
  });
});
