import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { ApiError } from '../errors.js';

/** `application/json` and `application/<x>+json`, the media types the request validator reads as JSON. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

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
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `the request body must be JSON with Content-Type application/json; got ${got}`);
    }
    try {
      await c.req.json();
    } catch (e) {
      // Hono's own wording (kept for clients that match on it), then where the parser stopped
      const why = e instanceof SyntaxError ? `: ${e.message}` : '';
      throw new ApiError(400, 'BAD_REQUEST', `Malformed JSON in request body${why}`);
    }
    return next();
  };
}
