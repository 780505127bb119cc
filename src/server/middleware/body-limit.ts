import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors.js';

/** Largest API request body, in bytes (16 KiB: a question of 1000 characters is at most 4 KB of JSON). */
export const MAX_BODY_BYTES = 16 * 1024;

/** Request bodies over `maxBytes` (default 16 KiB) get a JSON 413 PAYLOAD_TOO_LARGE before anything reads them. */
export function apiBodyLimit(maxBytes: number = MAX_BODY_BYTES): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${maxBytes} bytes`);
    },
  });
}
