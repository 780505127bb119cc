import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';

/**
 * Browsers may call the API from the server's own origin and from the listed intranet origins
 * only. Other origins get a clear JSON refusal (preflight included); requests without an Origin
 * header (server to server, curl) are not browser requests and pass.
 */
export function originGuard(allowed: string[]): MiddlewareHandler {
  const list = new Set(allowed.map((o) => o.replace(/\/+$/, '')));
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin) return next();
    const own = new URL(c.req.url).origin;
    const host = c.req.header('host');
    let sameHost = false;
    try {
      sameHost = host !== undefined && new URL(origin).host === host;
    } catch {
      // "null" (sandboxed frames, file:) or a malformed origin: never the server's own
    }
    if (origin !== own && !sameHost && !list.has(origin)) {
      throw new ApiError(403, 'ORIGIN_NOT_ALLOWED', `origin ${origin} may not call this API; ask the administrator to add it to ALLOWED_ORIGINS`);
    }
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin');
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      c.header('Access-Control-Allow-Headers', 'Content-Type');
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    return next();
  };
}
