import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import type { Answerer } from '../answer/ask.js';
import { CasechatError, ERROR_CODES, type ErrorCode } from '../errors.js';
import type { SearchEngine } from '../search/hybrid.js';
import type { Store } from '../store/types.js';
import { originGuard, securityHeaders } from './cors.js';
import { apiBodyLimit, apiRateLimit, jsonBodies } from './limits.js';
import { createMetrics, type Metrics } from './metrics.js';
import { observeRequests, requestIds, silentLogger } from './observability.js';
import { registerFeedback } from './questions.js';
import { registerApi } from './routes.js';
import { registerPages } from './web.js';

/**
 * What the app is built from: everything is loaded before, nothing is read from the environment.
 * `engine` and `answerer` are read once at the start of each request, so they may be getters of a
 * holder that swaps in a re-built index: a request is answered from one index from start to end.
 */
export interface AppDeps {
  readonly engine: SearchEngine;
  readonly answerer: Answerer;
  /** Browser origins allowed to call the API besides the server's own. */
  allowedOrigins: string[];
  /** API requests per client and minute; 0 turns the limit off. Default 60. */
  rateLimitPerMinute?: number;
  /** Proxy hops whose X-Forwarded-For entries are trusted for the rate limit's client key. Default 0 (none). */
  trustProxy?: number;
  /** The server log (access log, errors). Default: a silent logger. */
  logger?: Logger;
  /** Put the question into the access log. Default false. */
  logQuestions?: boolean;
  /** The app's metrics; default: `createMetrics()`. Pass your own to count re-indexes (`recordReindex`). */
  metrics?: Metrics;
  /** Bytes of the served index on disk, read at each scrape; default: the loaded index's `bytes`. */
  indexBytes?: () => number;
  /** How the last ingest (at start-up or a re-index) went, shown in /healthz; default: not shown. */
  ingestStatus?: () => { state: string; trigger: string | null; finishedAt: string | null; error: string | null };
  /** The question log and feedback (`POST /api/feedback`); without it nothing is logged and feedback is not served. */
  store?: Store;
}

/** The defaults of the optional `AppDeps`. */
export const APP_DEFAULTS = {
  rateLimitPerMinute: 60,
  trustProxy: 0,
  logQuestions: false,
} as const;

/** The one HTTP error type: a status, a stable code and a message for the client. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(status, { message });
  }
}

/** JSON error body `{error: {code, message}}`. */
export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** Validation issues as one message: `path: problem; …`. */
export function issuesMessage(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
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

/** The one error handler: known errors as their JSON, anything else logged and a bare 500. */
function onError(fallback: Logger): ErrorHandler {
  return (err: Error, c: Context) => {
    if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status);
    if (err instanceof HTTPException && err.status < 500) {
      const code = CODE_BY_STATUS[err.status] ?? 'BAD_REQUEST';
      return c.json(errorBody(code, err.message || ERROR_CODES[code]), err.status);
    }
    const log = c.get('logger') ?? fallback;
    if (err instanceof CasechatError) log.error({ code: err.code }, err.message);
    else log.error({ err }, 'unhandled error');
    // no stack traces to clients
    return c.json(errorBody('INTERNAL', 'internal error'), 500);
  };
}

/**
 * Builds the Hono app: API routes validated by zod (and described at /openapi.json), pages and the
 * widget, /healthz and /metrics, one error handler. Around them, for every request: a request id,
 * the access log and metrics, secure headers, and 405 for a known path asked with another method;
 * for the API: the origin guard, the rate limit, a 16 KiB body limit and JSON-only POST bodies.
 * The metrics are also reachable as `app.metrics`.
 */
export function createApp(deps: AppDeps) {
  const logger = deps.logger ?? silentLogger();
  const metrics = deps.metrics ?? createMetrics();
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json(errorBody('BAD_REQUEST', issuesMessage(result.error.issues)), 400);
      }
    },
  });
  app.onError(onError(logger));
  app.notFound((c) => c.json(errorBody('NOT_FOUND', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404));

  app.use(requestIds());
  app.use(observeRequests(logger, metrics, { logQuestions: deps.logQuestions ?? APP_DEFAULTS.logQuestions }));
  app.use(securityHeaders());
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        c.json(errorBody('METHOD_NOT_ALLOWED', `${new URL(c.req.url).pathname} does not answer ${c.req.method}; it answers ${methods.join(', ')}`), 405, { Allow: methods.join(', ') }),
    }),
  );

  app.use('/api/*', originGuard(deps.allowedOrigins));
  const perMinute = deps.rateLimitPerMinute ?? APP_DEFAULTS.rateLimitPerMinute;
  if (perMinute > 0) app.use('/api/*', apiRateLimit(perMinute, deps.trustProxy ?? APP_DEFAULTS.trustProxy));
  app.use('/api/*', apiBodyLimit());
  app.use('/api/*', jsonBodies());

  app.get('/healthz', (c) => {
    // which index is served: replicas behind a load balancer can be seen to agree
    const { index } = deps.engine;
    // a failed ingest leaves the published index served: healthy, and saying what failed
    const ingest = deps.ingestStatus?.();
    return c.json({ status: 'ok', cases: index.cases.length, chunks: index.chunks.length, model: index.manifest.model.id, generation: index.generation, indexCreatedAt: index.manifest.createdAt, ...(ingest ? { ingest } : {}) });
  });
  app.get('/metrics', async (c) => {
    const { index } = deps.engine;
    const bytes = deps.indexBytes ? deps.indexBytes() : index.bytes;
    const text = await metrics.scrape({ cases: index.manifest.counts.cases, chunks: index.manifest.counts.chunks, createdAt: index.manifest.createdAt, bytes });
    return c.body(text, 200, { 'Content-Type': metrics.contentType });
  });
  registerApi(app, deps);
  if (deps.store) registerFeedback(app, deps.store);
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'casechat API', version: '1.0.0', description: 'Questions and answers over Danish public-sector innovation cases, with citations and contacts.' },
  });
  registerPages(app, deps);
  return Object.assign(app, { metrics });
}

export type App = ReturnType<typeof createApp>;
