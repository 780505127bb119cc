import { OpenAPIHono } from '@hono/zod-openapi';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { Logger } from 'pino';
import { SERVER_DEFAULTS } from '../config.js';
import type { Store } from '../store/types.js';
import { silentLogger } from '../log.js';
import { ApiError, errorResponse, issuesMessage, onError } from './errors.js';
import { createMetrics, type Metrics } from './metrics.js';
import { apiBodyLimit } from './middleware/body-limit.js';
import { jsonBodies } from './middleware/json-bodies.js';
import { observeRequests } from './middleware/observe-requests.js';
import { originGuard } from './middleware/origin-guard.js';
import { apiRateLimit } from './middleware/rate-limit.js';
import { requestIds } from './middleware/request-ids.js';
import { securityHeaders } from './middleware/secure-headers.js';
import { healthRoute, metricsRoute, registerApi } from './routes.js';
import { registerFeedback } from './questions.js';
import type { Served } from './served.js';
import { API_INFO, registerPages } from './web.js';

/**
 * What the app is built from: everything is loaded before, nothing is read from the environment.
 * `engine` and `answerer` (see `Served`) are read once at the start of each request.
 */
export interface AppDeps extends Served {
  /** Browser origins allowed to call the API besides the server's own. */
  allowedOrigins: string[];
  /** API requests per client and minute; 0 turns the limit off. Default 60 (`SERVER_DEFAULTS`). */
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

/**
 * Builds the Hono app: API routes validated by zod (and described at /openapi.json), pages and the
 * widget, /healthz and /metrics, one error handler. Around them, for every request: a request id,
 * the access log and metrics, secure headers, and 405 for a known path asked with another method;
 * for the API: the origin guard, the rate limit, a 16 KiB body limit and JSON-only POST bodies.
 * The metrics are also reachable as `app.metrics`.
 */
export function createApp(deps: AppDeps) {
  const logger = deps.logger ?? silentLogger;
  const metrics = deps.metrics ?? createMetrics();
  const app = new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw new ApiError(400, 'BAD_REQUEST', issuesMessage(result.error.issues));
    },
  });
  app.onError(onError(logger));
  // answered, not thrown: a thrown error would hide the 404 from the 405 check below
  app.notFound((c) => errorResponse(c, new ApiError(404, 'NOT_FOUND', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`)));

  app.use(requestIds());
  app.use(observeRequests(logger, metrics, { logQuestions: deps.logQuestions ?? SERVER_DEFAULTS.logQuestions }));
  app.use(securityHeaders());
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) => {
        const allow = methods.join(', ');
        throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${new URL(c.req.url).pathname} does not answer ${c.req.method}; it answers ${allow}`, {
          headers: { Allow: allow },
        });
      },
    }),
  );

  app.use('/api/*', originGuard(deps.allowedOrigins));
  const perMinute = deps.rateLimitPerMinute ?? SERVER_DEFAULTS.rateLimitPerMinute;
  if (perMinute > 0) app.use('/api/*', apiRateLimit(perMinute, deps.trustProxy ?? SERVER_DEFAULTS.trustProxy));
  app.use('/api/*', apiBodyLimit());
  app.use('/api/*', jsonBodies());

  app.openapi(healthRoute, (c) => {
    // which index is served: replicas behind a load balancer can be seen to agree
    const { index } = deps.engine;
    // a failed ingest leaves the published index served: healthy, and saying what failed
    const ingest = deps.ingestStatus?.();
    return c.json({
      status: 'ok',
      cases: index.cases.length,
      chunks: index.chunks.length,
      model: index.manifest.model.id,
      generation: index.generation,
      indexCreatedAt: index.manifest.createdAt,
      ...(ingest ? { ingest } : {}),
    });
  });
  app.openapi(metricsRoute, async (c) => {
    const { index } = deps.engine;
    const bytes = deps.indexBytes ? deps.indexBytes() : index.bytes;
    const text = await metrics.scrape({ cases: index.manifest.counts.cases, chunks: index.manifest.counts.chunks, createdAt: index.manifest.createdAt, bytes });
    return c.text(text, 200, { 'Content-Type': metrics.contentType });
  });
  registerApi(app, deps);
  if (deps.store) registerFeedback(app, deps.store);
  app.doc31('/openapi.json', API_INFO);
  registerPages(app, deps);
  return Object.assign(app, { metrics });
}

export type App = ReturnType<typeof createApp>;
