import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';

/** Longest incoming `X-Request-Id` that is kept (longer ones are replaced by a fresh id). */
const MAX_REQUEST_ID = 64;

/**
 * Gives each request an id, echoed in `X-Request-Id`. An incoming `X-Request-Id` (set by a proxy)
 * is kept when it is a short safe token (letters, digits, `_`, `-`, `=`; at most 64 characters), so
 * one id follows a request through the proxy's and the app's logs; otherwise a UUID is generated.
 */
export function requestIds(): MiddlewareHandler {
  return requestId({ limitLength: MAX_REQUEST_ID, generator: () => randomUUID() });
}
