import { describe, expect, it } from 'vitest';
import { testApp } from './app.js';

type SearchBody = {
  query: string;
  results: Array<{
    caseId: string;
    title: string;
    score: number;
    passage: string;
    source: { file: string; page: number | null; lineStart: number | null; lineEnd: number | null };
  }>;
};
type ErrorBody = { error: { code: string; message: string } };

describe('GET /api/search', () => {
  it('finds the homeless-youth cases for an everyday question, one entry per case, with exact sources', async () => {
    const app = await testApp();
    const res = await app.request(`/api/search?q=${encodeURIComponent('hvordan hjælper man hjemløse unge?')}&k=5`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as SearchBody;
    expect(body.query).toBe('hvordan hjælper man hjemløse unge?');
    const ids = body.results.map((r) => r.caseId);
    expect(ids.slice(0, 2).sort()).toEqual(['hjem-til-alle', 'hjem-til-alle-alliancen']);
    expect(new Set(ids).size).toBe(ids.length);
    const top = body.results[0];
    expect(top.source.lineStart).toBeGreaterThan(0);
    expect(top.source.lineEnd).toBeGreaterThanOrEqual(top.source.lineStart!);
  });

  it('returns passages that stand at their cited lines in the corpus file', async () => {
    const app = await testApp();
    const { readFileSync } = await import('node:fs');
    const body = (await (await app.request(`/api/search?q=${encodeURIComponent('frivillige læser højt for børn i dagplejen')}`)).json()) as SearchBody;
    expect(body.results[0].caseId).toBe('laesehestene');
    for (const r of body.results) {
      const lines = readFileSync(new URL(`../corpus/${r.source.file}`, import.meta.url), 'utf8').split('\n');
      expect(lines.slice(r.source.lineStart! - 1, r.source.lineEnd!).join('\n')).toBe(r.passage);
    }
  });

  it('finds words typed without æ/ø/å', async () => {
    const app = await testApp();
    const body = (await (await app.request('/api/search?q=skolevaegring%20og%20angst%20hos%20unge&k=5')).json()) as SearchBody;
    expect(body.results.map((r) => r.caseId)).toContain('hoejskole-uden-mure');
  });

  it('returns no result for a question far from every case', async () => {
    const app = await testApp();
    const body = (await (await app.request(`/api/search?q=${encodeURIComponent('hvad koster vintervedligeholdelse af veje?')}`)).json()) as SearchBody;
    expect(body.results).toEqual([]);
  });

  it.each([
    ['', 'q: q is required'],
    ['?q=', 'q must not be empty'],
    ['?q=%20%20', 'q must not be empty'],
    ['?q=unge&k=0', 'k must be between 1 and 50'],
    ['?q=unge&k=51', 'k must be between 1 and 50'],
    ['?q=unge&k=abc', 'k'],
    [`?q=${'a'.repeat(1001)}`, 'q must be at most 1000 characters'],
  ])('answers %s with 400 and a clear message', async (qs, message) => {
    const app = await testApp();
    const res = await app.request(`/api/search${qs}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toContain(message);
  });
});

describe('service', () => {
  it('answers /healthz with the loaded index', async () => {
    const app = await testApp();
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { generation: string; indexCreatedAt: string };
    expect(body).toMatchObject({ status: 'ok', cases: 70, chunks: 497 });
    expect(body.generation).toMatch(/^g-\d{8}T\d{6}Z-[a-z0-9]+$/);
    expect(Number.isNaN(Date.parse(body.indexCreatedAt))).toBe(false);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const app = await testApp();
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe('NOT_FOUND');
  });

  it('describes every API endpoint at /openapi.json', async () => {
    const app = await testApp();
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/ask',
      '/api/ask/stream',
      '/api/cases',
      '/api/cases/{id}',
      '/api/contacts',
      '/api/search',
      '/healthz',
      '/metrics',
    ]);
  });
});

describe('retrieve', () => {
  it('embeds the whole question as asked beside the focus words, and scores the passages by it', async () => {
    const { retrieve, fuse, rerank, defaultSearchOptions } = await import('../src/search/hybrid.js');
    const { testEngine } = await import('./app.js');
    const engine = await testEngine();
    const focus = 'elever skole angst';
    const asked = 'Vi har elever, der ikke kommer i skole pga. angst. Hvad har andre gjort for at få dem tilbage?';
    const plain = await retrieve(engine, focus, defaultSearchOptions);
    expect(plain.askedVector).toBeNull();
    const o = { ...defaultSearchOptions, asked };
    const whole = await retrieve(engine, focus, o);
    expect(whole.dense).toEqual(plain.dense);
    expect(whole.askedVector?.length).toBe(engine.index.vectors.dim);
    const scores = (r: typeof plain) => rerank(engine, r, fuse(engine, r, o), o).flatMap((h) => h.passages.map((p) => p.score));
    expect(scores(whole)).not.toEqual(scores(plain));
  });
});
