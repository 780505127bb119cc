import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { CasechatError, ERROR_CODES, type ErrorCode } from '../errors.js';

/** What an `ApiError` may carry besides its status, code and message. */
export interface ApiErrorOptions {
  /** Response headers (`Retry-After`, `Allow`, `WWW-Authenticate`…). */
  headers?: Record<string, string>;
  /** Fields of the response body beside `error` (e.g. the re-index `status` of a 409). */
  extra?: Record<string, unknown>;
}

/**
 * The one HTTP error type: a status, a stable code from the error table and a message for the
 * client. Middleware and routes throw it; `onError` writes the response.
 */
export class ApiError extends HTTPException {
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;
  constructor(
    status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(status, { message });
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }
}

/** JSON error body `{error: {code, message}}`. */
export function errorBody(code: ErrorCode, message: string) {
  return { error: { code, message } };
}

/** Validation issues as one message: `path: problem; …`. */
export function issuesMessage(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}

/** The response of an `ApiError`: its JSON body, status and headers. */
export function errorResponse(c: Context, err: ApiError): Response {
  return c.json({ ...errorBody(err.code, err.message), ...err.extra }, err.status, err.headers);
}

/** The code of an error Hono (or a middleware) raised with only a status. */
const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * The one error handler: an `ApiError` as its JSON, another client error Hono raised with the
 * code of its status, anything else logged (with the request's id) and a bare 500 INTERNAL.
 */
export function onError(fallback: Logger): ErrorHandler {
  return (err: Error, c: Context) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    if (err instanceof HTTPException && err.status < 500) {
      const code = CODE_BY_STATUS[err.status] ?? 'BAD_REQUEST';
      return errorResponse(c, new ApiError(err.status, code, err.message || ERROR_CODES[code]));
    }
    const log = c.get('logger') ?? fallback;
    if (err instanceof CasechatError) log.error({ code: err.code }, err.message);
    else log.error({ err }, 'unhandled error');
    // no stack traces to clients
    return errorResponse(c, new ApiError(500, 'INTERNAL', 'internal error'));
  };
}
