import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/app.js';

describe('securityHeaders', () => {
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
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'self'",
    );
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
