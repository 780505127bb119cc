import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/app.js';
import { errorOf } from '../../../test/http.js';

describe('apiRateLimit', () => {
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

  it('answers a client over its limit with a JSON 429 and rate-limit headers', async () => {
    const app = await testApp([], 3);
    for (let i = 0; i < 3; i++) expect((await app.request('/api/search?q=unge')).status).toBe(200);
    const res = await app.request('/api/search?q=unge');
    expect(res.status).toBe(429);
    expect((await errorOf(res)).code).toBe('RATE_LIMITED');
    expect(res.headers.get('ratelimit-limit')).toBe('3');
  });
});
