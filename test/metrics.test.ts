import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../src/answer/ask.js';
import type { SearchEngine } from '../src/search/hybrid.js';
import { createApp } from '../src/server/app.js';
import { createMetrics } from '../src/server/metrics.js';
import { testApp, testEngine } from './app.js';
import { sample } from './http.js';

describe('GET /metrics', () => {
  it('reports the process, the served index and re-indexes', async () => {
    const engine = await testEngine();
    const app = await testApp();
    app.metrics.recordReindex('succeeded');
    app.metrics.recordReindex('failed');
    app.metrics.recordReindex('failed');
    const text = await (await app.request('/metrics')).text();
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(sample(text, 'casechat_index_cases')).toBe(engine.index.manifest.counts.cases);
    expect(sample(text, 'casechat_index_cases')).toBe(70);
    expect(sample(text, 'casechat_index_chunks')).toBe(engine.index.manifest.counts.chunks);
    const age = sample(text, 'casechat_index_age_seconds')!;
    expect(age).toBeGreaterThanOrEqual(0);
    expect(Math.abs(age - (Date.now() - Date.parse(engine.index.manifest.createdAt)) / 1000)).toBeLessThan(5);
    expect(sample(text, 'casechat_index_bytes')).toBe(engine.index.bytes);
    expect(sample(text, 'casechat_reindex_total{outcome="succeeded"}')).toBe(1);
    expect(sample(text, 'casechat_reindex_total{outcome="failed"}')).toBe(2);
    expect(sample(text, 'casechat_reindex_total{outcome="unchanged"}')).toBe(0);
  });

  it('reads the index at each scrape (a swapped index shows at once) and takes indexBytes when given', async () => {
    const real = await testEngine();
    let engine: SearchEngine = real;
    const metrics = createMetrics();
    const app = createApp({
      get engine() {
        return engine;
      },
      answerer: createAnswerer(real),
      allowedOrigins: [],
      metrics,
      indexBytes: () => 1234,
    });
    expect(app.metrics).toBe(metrics);
    const manifest = { ...real.index.manifest, counts: { ...real.index.manifest.counts, cases: 3 } };
    expect(sample(await (await app.request('/metrics')).text(), 'casechat_index_cases')).toBe(70);
    engine = { ...real, index: { ...real.index, manifest } };
    const text = await (await app.request('/metrics')).text();
    expect(sample(text, 'casechat_index_cases')).toBe(3);
    expect(sample(text, 'casechat_index_bytes')).toBe(1234);
  });

  it('keeps the metrics of two apps in one process apart', async () => {
    const a = await testApp();
    const b = await testApp();
    await a.request('/healthz');
    await a.request('/healthz');
    await b.request('/healthz');
    const series = 'http_requests_total{method="GET",route="/healthz",status="200"}';
    expect(sample(await (await a.request('/metrics')).text(), series)).toBe(2);
    expect(sample(await (await b.request('/metrics')).text(), series)).toBe(1);
  });
});
