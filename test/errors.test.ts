import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../src/answer/ask.js';
import type { SearchEngine } from '../src/search/hybrid.js';
import { createApp } from '../src/server/app.js';
import { testApp, testEngine } from './app.js';
import { capturedLogger, errorOf, post, type LogLine } from './http.js';

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
