import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Bearer-token guard of the admin API. The token is compared in constant time (over SHA-256
 * digests, so its length does not leak either). Without a configured token the admin API is off:
 * 403 ADMIN_DISABLED; a missing or wrong token is a 401 UNAUTHORIZED with `WWW-Authenticate`.
 */
export function adminGuard(token: string | undefined): MiddlewareHandler {
  const expected = token ? digest(token) : null;
  return async (c, next) => {
    if (!expected) throw new ApiError(403, 'ADMIN_DISABLED', 'the admin API is off; set ADMIN_TOKEN to enable it');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!m || !timingSafeEqual(digest(m[1]), expected)) {
      throw new ApiError(401, 'UNAUTHORIZED', 'a valid admin token is required: Authorization: Bearer <ADMIN_TOKEN>', {
        headers: { 'WWW-Authenticate': 'Bearer realm="casechat-admin"' },
      });
    }
    return next();
  };
}
