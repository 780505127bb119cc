import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/http.js';
import { silentLogger } from '../../log.js';
import { onError } from '../errors.js';
import { adminGuard } from './admin-guard.js';

const TOKEN = 'a-long-enough-admin-token';

/** A bare app with the guard in front of one admin route and the app's error handler. */
function guarded(token: string | undefined) {
  const app = new Hono();
  app.onError(onError(silentLogger));
  app.use('/api/admin/*', adminGuard(token));
  app.get('/api/admin/status', (c) => c.json({ ok: true }));
  return app;
}

describe('adminGuard', () => {
  it('answers 403 ADMIN_DISABLED when no token is configured, whatever is sent', async () => {
    const res = await guarded(undefined).request('/api/admin/status', { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({ code: 'ADMIN_DISABLED', message: 'the admin API is off; set ADMIN_TOKEN to enable it' });
  });

  it.each([
    ['no header', {}],
    ['another token', { Authorization: 'Bearer another-token-of-some-length' }],
    ['another scheme', { Authorization: `Basic ${TOKEN}` }],
  ])('answers %s with 401 UNAUTHORIZED and WWW-Authenticate', async (_what, headers: Record<string, string>) => {
    const res = await guarded(TOKEN).request('/api/admin/status', { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="casechat-admin"');
    expect(await errorOf(res)).toEqual({ code: 'UNAUTHORIZED', message: 'a valid admin token is required: Authorization: Bearer <ADMIN_TOKEN>' });
  });

  it('lets the right token through, in any case of "Bearer"', async () => {
    for (const scheme of ['Bearer', 'bearer']) {
      const res = await guarded(TOKEN).request('/api/admin/status', { headers: { Authorization: `${scheme} ${TOKEN}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
    }
  });
});
