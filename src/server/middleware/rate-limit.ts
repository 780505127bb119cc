import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { ApiError } from '../errors.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The client's rate-limit state, set by hono-rate-limiter (`apiRateLimit`). */
    rateLimit: { resetTime?: Date };
  }
}

/** The rate-limit window, in ms. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

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
    const entries = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
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
export function apiRateLimit(perMinute: number, trustProxy: number): MiddlewareHandler {
  return rateLimiter({
    windowMs: RATE_LIMIT_WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => clientKey(c, trustProxy),
    handler: (c) => {
      const reset = c.get('rateLimit')?.resetTime?.getTime() ?? Date.now() + RATE_LIMIT_WINDOW_MS;
      const retryAfter = String(Math.max(1, Math.ceil((reset - Date.now()) / 1000)));
      throw new ApiError(429, 'RATE_LIMITED', `more than ${perMinute} requests in a minute; wait a little and try again`, {
        headers: { 'Retry-After': retryAfter },
      });
    },
  });
}
