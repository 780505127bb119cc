import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { matchedRoutes } from 'hono/route';
import { rateLimiter } from 'hono-rate-limiter';
import { errorBody } from './app.js';

/** The limits on API requests. */
export const API_LIMITS = {
  /** Largest request body, in bytes (16 KiB: a question of 1000 characters is at most 4 KB of JSON). */
  maxBodyBytes: 16 * 1024,
  /** The rate-limit window, in ms. */
  windowMs: 60_000,
} as const;

/** `application/json` and `application/<x>+json`, the media types the request validator reads as JSON. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** The socket address of the request (in-process requests through `app.request` share one key). */
function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'in-process';
  }
}

/**
 * The client a request counts against. With `trustProxy` = 0, its socket address: X-Forwarded-For
 * is ignored, since anyone can send it. With n > 0 trusted proxies in front, each appending the
 * address it received the request from, the entry n from the right is the client as the outermost
 * trusted proxy saw it; entries left of it are the client's own claims. A header with fewer than n
 * entries did not pass through all the proxies: the socket address counts.
 */
export function clientKey(c: Context, trustProxy: number): string {
  if (trustProxy > 0) {
    const entries = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const client = entries[entries.length - trustProxy];
    if (entries.length >= trustProxy && client) return client;
  }
  return socketAddress(c);
}

/**
 * At most `perMinute` API requests per client (see `clientKey`) and minute; beyond that a JSON 429
 * RATE_LIMITED with `Retry-After` (seconds until the client's window resets) and the draft-6
 * `RateLimit-*` headers.
 */
export function apiRateLimit(perMinute: number, trustProxy = 0): MiddlewareHandler {
  return rateLimiter({
    windowMs: API_LIMITS.windowMs,
    limit: perMinute,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => clientKey(c, trustProxy),
    handler: (c) => {
      const reset = c.get('rateLimit' as never) as { resetTime?: Date } | undefined;
      const ms = (reset?.resetTime?.getTime() ?? Date.now() + API_LIMITS.windowMs) - Date.now();
      c.header('Retry-After', String(Math.max(1, Math.ceil(ms / 1000))));
      return c.json(errorBody('RATE_LIMITED', `more than ${perMinute} requests in a minute; wait a little and try again`), 429);
    },
  });
}

/** Request bodies over `maxBytes` (default 16 KiB) get a JSON 413 PAYLOAD_TOO_LARGE before anything reads them. */
export function apiBodyLimit(maxBytes: number = API_LIMITS.maxBodyBytes): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => c.json(errorBody('PAYLOAD_TOO_LARGE', `the request body is larger than ${maxBytes} bytes`), 413),
  });
}

/** Whether the request carries a non-empty body (read once; Hono caches it for the route). */
async function hasBody(c: Context): Promise<boolean> {
  return c.req.raw.body !== null && (await c.req.arrayBuffer()).byteLength > 0;
}

/**
 * A POST to a path that takes POST must carry JSON: a body of another content type (or of none)
 * gets a JSON 415 UNSUPPORTED_MEDIA_TYPE, a body that does not parse a JSON 400 BAD_REQUEST saying
 * where. A POST without any body passes, so validation names the missing fields. The parsed body is
 * cached by Hono for the route's validator. A POST to a path without a POST route passes too, so it
 * gets the 405 (or 404) it deserves rather than a 415.
 */
export function jsonBodies(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'POST' || !matchedRoutes(c).some((r) => r.method === 'POST')) return next();
    const type = c.req.header('content-type');
    if (type === undefined && !(await hasBody(c))) return next();
    const media = type?.split(';')[0]?.trim() ?? '';
    if (!JSON_MEDIA_TYPE.test(media)) {
      const got = type === undefined ? 'no Content-Type' : `Content-Type ${JSON.stringify(type.slice(0, 100))}`;
      return c.json(errorBody('UNSUPPORTED_MEDIA_TYPE', `the request body must be JSON with Content-Type application/json; got ${got}`), 415);
    }
    try {
      await c.req.json();
    } catch (e) {
      // Hono's own wording (kept for clients that match on it), then where the parser stopped
      const why = e instanceof SyntaxError ? `: ${e.message}` : '';
      return c.json(errorBody('BAD_REQUEST', `Malformed JSON in request body${why}`), 400);
    }
    return next();
  };
}
