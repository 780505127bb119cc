import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../src/answer/ask.js';
import { loadConfig } from '../src/config.js';
import type { SearchEngine } from '../src/search/hybrid.js';
import { createApp } from '../src/server/app.js';
import { API_LIMITS } from '../src/server/limits.js';
import { createMetrics } from '../src/server/metrics.js';
import { createLogger } from '../src/server/observability.js';
import { testApp, testEngine } from './app.js';

type ErrorBody = { error: { code: string; message: string } };
type LogLine = { level: number; reqId?: string; method?: string; path?: string; route?: string; status?: number; ms?: number; question?: string; msg: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const QUESTION = 'hvordan hjælper man hjemløse unge?';

/** POSTs a body to the app with a content type (none when null). */
function post(app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }, path: string, body: BodyInit | null, type: string | null = 'application/json') {
  return app.request(path, { method: 'POST', body, headers: type === null ? {} : { 'Content-Type': type } });
}

/** The error of a JSON error response, after checking it is one. */
async function errorOf(res: Response): Promise<ErrorBody['error']> {
  expect(res.headers.get('content-type')).toContain('application/json');
  const body = (await res.json()) as ErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
  return body.error;
}

/** A pino logger whose JSON lines are kept, parsed, in `lines`. */
function capturedLogger() {
  const lines: LogLine[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (s: string) => lines.push(JSON.parse(s) as LogLine) } });
  return { logger, lines, access: () => lines.filter((l) => l.msg === 'request') };
}

describe('config', () => {
  it('defaults to 60 requests a minute, no trusted proxy, no questions in the log, level info', () => {
    expect(loadConfig({})).toMatchObject({ rateLimitPerMinute: 60, trustProxy: 0, logQuestions: false, logLevel: 'info' });
  });

  it('reads RATE_LIMIT_PER_MINUTE, TRUST_PROXY, LOG_QUESTIONS and LOG_LEVEL', () => {
    const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', TRUST_PROXY: '2', LOG_QUESTIONS: 'true', LOG_LEVEL: 'warn' });
    expect(config).toMatchObject({ rateLimitPerMinute: 0, trustProxy: 2, logQuestions: true, logLevel: 'warn' });
  });

  it.each([
    [{ LOG_QUESTIONS: 'yes' }, 'LOG_QUESTIONS: LOG_QUESTIONS must be "true" or "false"'],
    [{ TRUST_PROXY: '-1' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '1.5' }, 'TRUST_PROXY'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ RATE_LIMIT: '100' }, 'RATE_LIMIT was renamed to RATE_LIMIT_PER_MINUTE'],
  ])('refuses %j with INVALID_CONFIG naming it', (env, message) => {
    expect(() => loadConfig(env)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringContaining(message) }));
  });
});

describe('request body limits', () => {
  it(`answers a body over ${API_LIMITS.maxBodyBytes} bytes with a JSON 413 PAYLOAD_TOO_LARGE`, async () => {
    const app = await testApp();
    const body = JSON.stringify({ question: 'a'.repeat(API_LIMITS.maxBodyBytes) });
    const res = await post(app, '/api/ask', body);
    expect(res.status).toBe(413);
    const err = await errorOf(res);
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toBe(`the request body is larger than ${API_LIMITS.maxBodyBytes} bytes`);
  });

  it('reads a body of exactly 16 KiB (and then rejects the over-long question with 400)', async () => {
    const app = await testApp();
    const filler = API_LIMITS.maxBodyBytes - JSON.stringify({ question: '' }).length;
    const body = JSON.stringify({ question: 'a'.repeat(filler) });
    expect(new TextEncoder().encode(body).length).toBe(16 * 1024);
    const res = await post(app, '/api/ask', body);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toEqual({ code: 'BAD_REQUEST', message: 'question: question must be at most 1000 characters' });
  });

  it('applies the limit to a declared Content-Length before reading anything', async () => {
    const app = await testApp();
    const res = await app.request('/api/ask/stream', {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(API_LIMITS.maxBodyBytes + 1) },
    });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('request content types', () => {
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'json'])(
    'answers a POST to /api/ask with Content-Type %s with a JSON 415 UNSUPPORTED_MEDIA_TYPE',
    async (type) => {
      const app = await testApp();
      const res = await post(app, '/api/ask', JSON.stringify({ question: QUESTION }), type);
      expect(res.status).toBe(415);
      const err = await errorOf(res);
      expect(err.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(err.message).toBe(`the request body must be JSON with Content-Type application/json; got Content-Type ${JSON.stringify(type)}`);
    },
  );

  it('answers a body without any Content-Type with 415 on /api/ask/stream too', async () => {
    const app = await testApp();
    const res = await post(app, '/api/ask/stream', new TextEncoder().encode(JSON.stringify({ question: QUESTION })), null);
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'the request body must be JSON with Content-Type application/json; got no Content-Type' });
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON'])('answers a question posted as %s', async (type) => {
    const app = await testApp();
    const res = await post(app, '/api/ask', JSON.stringify({ question: QUESTION }), type);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { answer: string }).answer.length).toBeGreaterThan(0);
  });

  it('names the place where a malformed JSON body stops parsing, with a 400 BAD_REQUEST', async () => {
    const app = await testApp();
    const res = await post(app, '/api/ask', '{"question": "unge",}');
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/^Malformed JSON in request body: .*position 20/);
  });

  it('answers JSON that is not an object with a 400 BAD_REQUEST, not a 500', async () => {
    const app = await testApp();
    for (const body of ['null', '[]', '"unge"', '5', '[['.repeat(2000) + ']]'.repeat(2000)]) {
      const res = await post(app, '/api/ask', body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('BAD_REQUEST');
    }
  });
});

describe('methods and paths', () => {
  it.each([
    ['DELETE', '/api/ask', 'POST'],
    ['GET', '/api/ask', 'POST'],
    ['PUT', '/api/ask/stream', 'POST'],
    ['POST', '/api/search', 'GET, HEAD'],
    ['DELETE', '/api/cases/laesehestene', 'GET, HEAD'],
    ['POST', '/healthz', 'GET, HEAD'],
    ['PATCH', '/metrics', 'GET, HEAD'],
    ['POST', '/cases', 'GET, HEAD'],
  ])('answers %s %s with a JSON 405 METHOD_NOT_ALLOWED and Allow: %s', async (method, path, allow) => {
    const app = await testApp();
    const res = await app.request(path, { method, headers: { 'Content-Type': 'text/plain' }, body: method === 'GET' ? null : 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    const err = await errorOf(res);
    expect(err.code).toBe('METHOD_NOT_ALLOWED');
    expect(err.message).toBe(`${path} does not answer ${method}; it answers ${allow}`);
  });

  it('keeps answering an unknown path with a JSON 404 NOT_FOUND, whatever the method', async () => {
    const app = await testApp();
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await app.request('/api/nothing-here', { method });
      expect(res.status).toBe(404);
      expect(res.headers.get('allow')).toBeNull();
      expect(await errorOf(res)).toEqual({ code: 'NOT_FOUND', message: `no route for ${method} /api/nothing-here` });
    }
  });
});

describe('query validation', () => {
  it.each([
    ['q', 'q: q is required'],
    ['q=%20', 'q: q must not be empty'],
    [`q=${'a'.repeat(1001)}`, 'q: q must be at most 1000 characters'],
    ['q=unge&k=0', 'k: k must be between 1 and 50'],
    ['q=unge&k=51', 'k: k must be between 1 and 50'],
    ['q=unge&k=-3', 'k: k must be between 1 and 50'],
    ['q=unge&k=2.5', 'k: k must be a whole number'],
    ['q=unge&k=abc', 'k: k must be a number'],
    ['q=unge&k=1e400', 'k: k must be a number'],
  ])('answers /api/search?%s with 400 and %j', async (qs, message) => {
    const app = await testApp();
    const res = await app.request(`/api/search?${qs === 'q' ? '' : qs}`);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toEqual({ code: 'BAD_REQUEST', message });
  });

  it('accepts a question of 1000 characters and k from 1 to 50', async () => {
    const app = await testApp();
    expect((await app.request(`/api/search?q=${'a'.repeat(1000)}`)).status).toBe(200);
    const one = (await (await app.request('/api/search?q=unge&k=1')).json()) as { results: unknown[] };
    expect(one.results).toHaveLength(1);
    expect((await app.request('/api/search?q=unge&k=50')).status).toBe(200);
    expect((await post(app, '/api/ask', JSON.stringify({ question: `${'a'.repeat(999)}?` }))).status).toBe(200);
  });
});

describe('internal errors', () => {
  it('answers a failing handler with a bare 500 INTERNAL and logs the error with the request id', async () => {
    const { logger, lines } = capturedLogger();
    const engine = await testEngine();
    const app = createApp({
      get engine(): SearchEngine {
        throw new Error('boom in /srv/casechat/src/secret.ts');
      },
      answerer: createAnswerer(engine),
      allowedOrigins: [],
      rateLimitPerMinute: 0,
      logger,
    });
    const res = await app.request('/api/search?q=unge');
    expect(res.status).toBe(500);
    expect(await res.text()).toBe(JSON.stringify({ error: { code: 'INTERNAL', message: 'internal error' } }));
    const logged = lines.find((l) => l.level === 50) as LogLine & { err: { message: string; stack: string } };
    expect(logged.reqId).toBe(res.headers.get('x-request-id'));
    expect(logged.err.message).toBe('boom in /srv/casechat/src/secret.ts');
    expect(logged.err.stack).toContain('secret.ts');
  });
});

describe('rate limit', () => {
  it('answers a client over its budget with a JSON 429 RATE_LIMITED and Retry-After in seconds', async () => {
    const app = await testApp([], 2);
    expect((await app.request('/api/search?q=unge')).status).toBe(200);
    expect((await app.request('/api/cases')).status).toBe(200);
    const res = await app.request('/api/search?q=unge');
    expect(res.status).toBe(429);
    expect((await errorOf(res)).code).toBe('RATE_LIMITED');
    const retry = Number(res.headers.get('retry-after'));
    expect(Number.isInteger(retry)).toBe(true);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(res.headers.get('ratelimit-remaining')).toBe('0');
  });

  it('does not limit pages, health and metrics', async () => {
    const app = await testApp([], 1);
    await app.request('/api/cases');
    expect((await app.request('/api/cases')).status).toBe(429);
    for (const path of ['/healthz', '/metrics', '/cases', '/widget.js']) expect((await app.request(path)).status).toBe(200);
  });

  it('gives two X-Forwarded-For clients a budget each when TRUST_PROXY is 1', async () => {
    const app = await testApp([], 1, { trustProxy: 1 });
    const from = (xff: string) => app.request('/api/cases', { headers: { 'X-Forwarded-For': xff } });
    expect((await from('203.0.113.7')).status).toBe(200);
    expect((await from('198.51.100.9')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(429);
    // entries left of the trusted one are the client's own claims: they do not buy a new budget
    expect((await from('10.9.9.9, 198.51.100.9')).status).toBe(429);
  });

  it('keys on the entry n hops from the right with TRUST_PROXY = n, and on the socket when there are fewer', async () => {
    const app = await testApp([], 1, { trustProxy: 2 });
    const from = (xff: string) => app.request('/api/cases', { headers: { 'X-Forwarded-For': xff } });
    expect((await from('203.0.113.7, 10.0.0.2')).status).toBe(200);
    expect((await from('203.0.113.7, 10.0.0.3')).status).toBe(429);
    expect((await from('198.51.100.9, 10.0.0.2')).status).toBe(200);
    // one entry: it did not pass both proxies; the socket (in-process) key counts
    expect((await from('192.0.2.1')).status).toBe(200);
    expect((await from('192.0.2.2')).status).toBe(429);
  });

  it('ignores X-Forwarded-For when TRUST_PROXY is 0: all clients share the socket budget', async () => {
    const app = await testApp([], 1, { trustProxy: 0 });
    const from = (xff: string) => app.request('/api/cases', { headers: { 'X-Forwarded-For': xff } });
    expect((await from('203.0.113.7')).status).toBe(200);
    expect((await from('198.51.100.9')).status).toBe(429);
  });
});

describe('secure headers', () => {
  function expectSecureHeaders(res: Response, corp: string) {
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=15552000; includeSubDomains');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-resource-policy')).toBe(corp);
    expect(res.headers.get('x-powered-by')).toBeNull();
  }

  it('sets them on a page and keeps its strict CSP', async () => {
    const app = await testApp();
    const res = await app.request('/cases/laesehestene');
    expect(res.status).toBe(200);
    expectSecureHeaders(res, 'same-origin');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'self'");
  });

  it('sets them on the API, with a CSP that allows nothing', async () => {
    const app = await testApp();
    const res = await app.request('/api/search?q=unge');
    expect(res.status).toBe(200);
    expectSecureHeaders(res, 'same-origin');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('lets other origins load /widget.js (Cross-Origin-Resource-Policy: cross-origin), also when unchanged (304)', async () => {
    const app = await testApp();
    const res = await app.request('/widget.js');
    expect(res.status).toBe(200);
    expectSecureHeaders(res, 'cross-origin');
    const again = await app.request('/widget.js', { headers: { 'If-None-Match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it("keeps the pages' own scripts and styles same-origin", async () => {
    const app = await testApp();
    for (const path of ['/case.js', '/pages.css']) expect((await app.request(path)).headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });
});

describe('request ids', () => {
  it('gives each request a fresh UUID in X-Request-Id', async () => {
    const app = await testApp();
    const a = (await app.request('/healthz')).headers.get('x-request-id')!;
    const b = (await app.request('/healthz')).headers.get('x-request-id')!;
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });

  it("echoes a proxy's short safe X-Request-Id", async () => {
    const app = await testApp();
    const res = await app.request('/api/cases', { headers: { 'X-Request-Id': 'edge-7f3a_91=' } });
    expect(res.headers.get('x-request-id')).toBe('edge-7f3a_91=');
  });

  it.each([['a space', 'abc def'], ['markup', '<script>'], ['a newline escape', 'a%0Ab'], ['65 characters', 'a'.repeat(65)]])(
    'replaces an incoming X-Request-Id with %s by a UUID',
    async (_what, id) => {
      const app = await testApp();
      const res = await app.request('/api/cases', { headers: { 'X-Request-Id': id } });
      expect(res.headers.get('x-request-id')).toMatch(UUID);
    },
  );
});

describe('access log', () => {
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

describe('GET /metrics', () => {
  /** Parses a Prometheus sample line's value for an exact series (name + labels as printed). */
  function sample(text: string, series: string): number | undefined {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  }

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
