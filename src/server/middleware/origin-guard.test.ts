import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/app.js';
import type { ErrorBody } from '../../../test/http.js';

const INTRANET = 'https://intra.example.dk';
const EVIL = 'https://evil.example';

describe('originGuard', () => {
  it('lets a listed origin call the API and echoes it with Vary: Origin', async () => {
    const app = await testApp([INTRANET]);
    const res = await app.request('/api/search?q=unge', { headers: { Origin: INTRANET } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(INTRANET);
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('answers a preflight from a listed origin with 204, POST and Content-Type allowed', async () => {
    const app = await testApp([INTRANET]);
    const res = await app.request('/api/ask', {
      method: 'OPTIONS',
      headers: { Origin: INTRANET, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(res.headers.get('access-control-allow-origin')).toBe(INTRANET);
    expect(res.headers.get('vary')).toBe('Origin');
    expect(res.headers.get('access-control-allow-methods')!.split(/,\s*/)).toContain('POST');
    expect(
      res.headers
        .get('access-control-allow-headers')!
        .split(/,\s*/)
        .map((h) => h.toLowerCase()),
    ).toContain('content-type');
  });

  it('refuses a preflight from an unlisted origin with a JSON 403', async () => {
    const app = await testApp([INTRANET]);
    const res = await app.request('/api/ask', { method: 'OPTIONS', headers: { Origin: EVIL, 'Access-Control-Request-Method': 'POST' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('ORIGIN_NOT_ALLOWED');
    expect(body.error.message).toContain(EVIL);
  });

  it('refuses a question posted from an unlisted origin with a JSON 403', async () => {
    const app = await testApp([INTRANET]);
    const res = await app.request('/api/ask', {
      method: 'POST',
      body: JSON.stringify({ question: 'Hvem kan jeg kontakte om Læsehestene?' }),
      headers: { Origin: EVIL, 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await res.json()) as ErrorBody).error.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('lets requests without an Origin header pass (server to server, curl)', async () => {
    const app = await testApp([INTRANET]);
    const res = await app.request('/api/search?q=unge');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("lets the server's own origin call the API", async () => {
    const app = await testApp([INTRANET]);
    const res = await app.request('http://localhost/api/search?q=unge', { headers: { Origin: 'http://localhost' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost');
  });

  it('lets a page served through a proxy call the API under the host it was requested with', async () => {
    const app = await testApp([INTRANET]);
    // behind a TLS-terminating proxy the app sees http://10.0.0.5:3000 but the browser's origin is https://casechat.example.dk
    const res = await app.request('http://10.0.0.5:3000/api/search?q=unge', {
      headers: { Origin: 'https://casechat.example.dk', Host: 'casechat.example.dk' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://casechat.example.dk');
  });

  it('refuses an unlisted origin even when the server has no allowed origins', async () => {
    const app = await testApp();
    const res = await app.request('/api/search?q=unge', { headers: { Origin: INTRANET } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  // browsers send the opaque origin "null" from sandboxed iframes and file:// pages
  it('refuses the opaque origin "null" with a JSON 403, not a 500', async () => {
    const app = await testApp([INTRANET]);
    const res = await app.request('http://localhost/api/search?q=unge', { headers: { Origin: 'null', Host: 'localhost' } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.code).toBe('ORIGIN_NOT_ALLOWED');
  });
});
