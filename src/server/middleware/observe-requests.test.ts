import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/app.js';
import { capturedLogger, post, QUESTION, sample } from '../../../test/http.js';

describe('observeRequests: the access log', () => {
  it('writes one JSON line per request: reqId, method, path without query, route, status, ms, and no question', async () => {
    const { logger, access } = capturedLogger();
    const app = await testApp([], 0, { logger });
    const res = await app.request(`/api/search?q=${encodeURIComponent(QUESTION)}&k=3`);
    await post(app, '/api/ask', JSON.stringify({ question: QUESTION }));
    await app.request('/cases/laesehestene?q=hemmelig');
    expect(access()).toHaveLength(3);
    const [search, ask, page] = access();
    expect(search).toMatchObject({ level: 30, reqId: res.headers.get('x-request-id'), method: 'GET', path: '/api/search', route: '/api/search', status: 200 });
    expect(typeof search!.ms).toBe('number');
    expect(ask).toMatchObject({ method: 'POST', path: '/api/ask', route: '/api/ask', status: 200 });
    expect(page).toMatchObject({ method: 'GET', path: '/cases/laesehestene', route: '/cases/:id', status: 200 });
    for (const line of access()) {
      expect(line).not.toHaveProperty('question');
      expect(JSON.stringify(line)).not.toMatch(/hjemløse|hemmelig/);
    }
  });

  it('includes the question (query q or body question) when logQuestions is on', async () => {
    const { logger, access } = capturedLogger();
    const app = await testApp([], 0, { logger, logQuestions: true });
    await app.request(`/api/search?q=${encodeURIComponent(QUESTION)}`);
    await post(app, '/api/ask', JSON.stringify({ question: QUESTION }));
    await app.request('/healthz');
    expect(access().map((l) => l.question)).toEqual([QUESTION, QUESTION, undefined]);
  });

  it('labels a request no route answers as unmatched', async () => {
    const { logger, access } = capturedLogger();
    const app = await testApp([], 0, { logger });
    await app.request('/no/such/page');
    expect(access()[0]).toMatchObject({ path: '/no/such/page', route: 'unmatched', status: 404 });
  });
});

describe('observeRequests: the request metrics', () => {
  it('counts requests by method, route and status, never by raw URL', async () => {
    const app = await testApp();
    await app.request('/api/search?q=unge');
    await app.request('/api/search?q=skole');
    await app.request('/api/cases/laesehestene');
    await app.request('/api/search');
    await app.request('/zz-unknown-path-42');
    const res = await app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(sample(text, 'http_requests_total{method="GET",route="/api/search",status="200"}')).toBe(2);
    expect(sample(text, 'http_requests_total{method="GET",route="/api/search",status="400"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="/api/cases/:id",status="200"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/api/search"}')).toBe(3);
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.001",method="GET",route="/api/search"}');
    expect(text).toContain('http_request_duration_seconds_bucket{le="2",method="GET",route="/api/search"}');
    expect(text).not.toContain('laesehestene');
    expect(text).not.toContain('zz-unknown-path-42');
    expect(text).not.toContain('q=unge');
  });
});
