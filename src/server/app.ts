import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Answerer } from '../answer/ask.js';
import { CasechatError, type ErrorCode } from '../errors.js';
import type { SearchEngine } from '../search/hybrid.js';
import { originGuard } from './cors.js';
import { apiRateLimit } from './limits.js';
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
  /** API requests per client and minute; 0 turns the limit off. Default 120. */
  rateLimitPerMinute?: number;
}

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

function onError(err: Error, c: Context) {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status);
  if (err instanceof HTTPException) {
    const code = err.status === 404 ? 'NOT_FOUND' : err.status === 413 ? 'BAD_REQUEST' : 'BAD_REQUEST';
    return c.json(errorBody(code, err.message || 'bad request'), err.status);
  }
  if (err instanceof CasechatError) console.error(err.message);
  else console.error(err);
  // no stack traces to clients
  return c.json(errorBody('INTERNAL', 'internal error'), 500);
}

/**
 * Builds the Hono app: API routes validated by zod (and described at /openapi.json),
 * pages and the widget, the origin guard for browsers, one error handler.
 */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const message = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
        return c.json(errorBody('BAD_REQUEST', message), 400);
      }
    },
  });
  app.onError(onError);
  app.notFound((c) => c.json(errorBody('NOT_FOUND', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404));
  app.use('/api/*', originGuard(deps.allowedOrigins));
  const perMinute = deps.rateLimitPerMinute ?? 120;
  if (perMinute > 0) app.use('/api/*', apiRateLimit(perMinute));
  app.get('/healthz', (c) => c.json({ status: 'ok', cases: deps.engine.index.cases.length, chunks: deps.engine.index.chunks.length, model: deps.engine.index.manifest.model.id }));
  registerApi(app, deps);
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'casechat API', version: '1.0.0', description: 'Questions and answers over Danish public-sector innovation cases, with citations and contacts.' },
  });
  registerPages(app, deps);
  return app;
}

export type App = ReturnType<typeof createApp>;
