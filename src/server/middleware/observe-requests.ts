import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from 'pino';
import { silentLogger } from '../../log.js';
import type { Metrics } from '../metrics.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The server logger bound to this request's id (set by `observeRequests`). */
    logger: Logger;
  }
}

/** Options of `observeRequests`. */
export interface AccessLogOptions {
  /** Put the question (query `q` or JSON body `question`) into the log line. Default false. */
  logQuestions?: boolean;
}

/** Longest question written to the log (the API accepts at most 1000 characters). */
const MAX_LOGGED_QUESTION = 1000;

/**
 * The route a request matched, as registered (`/api/cases/:id`), never the raw URL, so metrics
 * stay of bounded cardinality; `unmatched` when no route answers the path and method.
 */
export function routeOf(c: Context): string {
  // app.use() middleware is registered under ALL; every route of this app under its method
  const route = matchedRoutes(c)
    .filter((r) => r.method !== 'ALL')
    .at(-1);
  return route?.path ?? 'unmatched';
}

/** The logger of the request being answered (bound to its id), or a silent one outside `observeRequests`. */
export function requestLogger(c: Context): Logger {
  return c.get('logger') ?? silentLogger;
}

/** The question a request carries: query `q` or the validated JSON body's `question`. */
function questionOf(c: Context): string | undefined {
  const body = (c.req as unknown as { valid(target: 'json'): unknown }).valid('json') as { question?: unknown } | undefined;
  const q = c.req.query('q') ?? body?.question;
  return typeof q === 'string' ? q.slice(0, MAX_LOGGED_QUESTION) : undefined;
}

/**
 * Binds the request's id to a child of `logger` (see `requestLogger`) and, when the request is
 * answered, writes one JSON line (reqId, method, path without the query string, route, status, ms
 * to the response headers; a stream may still be sending) and counts it in `metrics` — one timing
 * and one route lookup for both. The question only with `logQuestions`: questions may hold
 * personal data.
 */
export function observeRequests(logger: Logger, metrics: Metrics, options: AccessLogOptions = {}): MiddlewareHandler {
  const logQuestions = options.logQuestions ?? false;
  return async (c, next) => {
    const start = performance.now();
    const log = logger.child({ reqId: c.get('requestId') });
    c.set('logger', log);
    let status = 500;
    try {
      await next();
      status = c.res.status;
    } finally {
      const ms = performance.now() - start;
      const route = routeOf(c);
      metrics.observeRequest(c.req.method, route, status, ms / 1000);
      const line: Record<string, unknown> = { method: c.req.method, path: c.req.path, route, status, ms: Math.round(ms * 10) / 10 };
      if (logQuestions) {
        const question = questionOf(c);
        if (question !== undefined) line.question = question;
      }
      log.info(line, 'request');
    }
  };
}
