import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

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
