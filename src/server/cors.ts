import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { errorBody } from './app.js';

/** Paths that other origins' pages load with a plain `<script>` tag (no CORS). */
const EMBEDDED = new Set(['/widget.js']);

/**
 * Hono's secure headers on every response (nosniff, frame and referrer policies, HSTS, COOP,
 * `Cross-Origin-Resource-Policy: same-origin`…), with two exceptions:
 * - the widget is loaded by `<script>` tags on intranet pages of other origins, and probed with
 *   no-cors requests: it gets `Cross-Origin-Resource-Policy: cross-origin`, or browsers would block it;
 * - API responses are data, never documents: they also get `Content-Security-Policy: default-src 'none'`.
 * Pages keep the strict CSP they set themselves (no CSP is set or overwritten here). API calls from
 * other origins are CORS requests, which CORP does not apply to.
 */
export function securityHeaders(): MiddlewareHandler {
  const pages = secureHeaders();
  const embedded = secureHeaders({ crossOriginResourcePolicy: 'cross-origin' });
  const api = secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } });
  return (c, next) => {
    const path = c.req.path;
    return (EMBEDDED.has(path) ? embedded : path.startsWith('/api/') ? api : pages)(c, next);
  };
}

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
      return c.json(errorBody('ORIGIN_NOT_ALLOWED', `origin ${origin} may not call this API; ask the administrator to add it to ALLOWED_ORIGINS`), 403);
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
