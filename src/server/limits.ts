import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { errorBody } from './app.js';

/** The client a request counts against: its socket address (in-process requests share one key). */
function clientKey(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'in-process';
  }
}

/** At most `perMinute` API requests per client and minute; beyond that a JSON 429 RATE_LIMITED. */
export function apiRateLimit(perMinute: number): MiddlewareHandler {
  return rateLimiter({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-6',
    keyGenerator: clientKey,
    message: errorBody('RATE_LIMITED', `more than ${perMinute} requests in a minute; wait a little and try again`),
  });
}
