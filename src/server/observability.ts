import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { matchedRoutes } from 'hono/route';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config.js';
import type { Metrics } from './metrics.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The server logger bound to this request's id (set by `observeRequests`). */
    logger: Logger;
  }
}

/** Options of `createLogger`. */
export interface LoggerOptions {
  /** Default `info`. */
  level?: LogLevel;
  /** Where the JSON lines go; default stdout. */
  destination?: DestinationStream;
}

/** Options of `observeRequests`. */
export interface AccessLogOptions {
  /** Put the question (query `q` or JSON body `question`) into the log line. Default false. */
  logQuestions?: boolean;
}

/** Longest incoming `X-Request-Id` that is kept (longer ones are replaced by a fresh id). */
const MAX_REQUEST_ID = 64;

/** Longest question written to the log (the API accepts at most 1000 characters). */
const MAX_LOGGED_QUESTION = 1000;

/** The server's logger: one JSON object per line, with an ISO time, to stdout unless told otherwise. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const settings = { level: options.level ?? 'info', timestamp: pino.stdTimeFunctions.isoTime };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

let silent: Logger | undefined;

/** A logger that writes nothing: the app's default, so tests stay quiet. */
export function silentLogger(): Logger {
  silent ??= pino({ level: 'silent' });
  return silent;
}

/**
 * Gives each request an id, echoed in `X-Request-Id`. An incoming `X-Request-Id` (set by a proxy)
 * is kept when it is a short safe token (letters, digits, `_`, `-`, `=`; at most 64 characters), so
 * one id follows a request through the proxy's and the app's logs; otherwise a UUID is generated.
 */
export function requestIds(): MiddlewareHandler {
  return requestId({ limitLength: MAX_REQUEST_ID, generator: () => randomUUID() });
}

/**
 * The route a request matched, as registered (`/api/cases/:id`), never the raw URL, so metrics
 * stay of bounded cardinality; `unmatched` when no route answers the path and method.
 */
export function routeOf(c: Context): string {
  // app.use() middleware is registered under ALL; every route of this app under its method
  const route = matchedRoutes(c).filter((r) => r.method !== 'ALL').at(-1);
  return route?.path ?? 'unmatched';
}

/** The logger of the request being answered (bound to its id), or a silent one outside `observeRequests`. */
export function requestLogger(c: Context): Logger {
  return c.get('logger') ?? silentLogger();
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
