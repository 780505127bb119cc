import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { errorBody, issuesMessage } from './app.js';
import type { LiveIndex } from './live.js';
import { ErrorSchema, jsonContent } from './schemas.js';

const ReindexStatusSchema = z
  .object({
    state: z.enum(['idle', 'running', 'succeeded', 'failed']),
    trigger: z.enum(['admin', 'watch', 'startup']).nullable(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    changed: z.boolean().nullable(),
    swappedAt: z.string().nullable(),
    generation: z.string(),
    error: z.string().nullable(),
  })
  .openapi('ReindexStatus');

const StatusResponseSchema = z
  .object({
    status: ReindexStatusSchema,
    index: z.object({ generation: z.string(), createdAt: z.string(), cases: z.number(), chunks: z.number(), bytes: z.number(), model: z.string() }),
  })
  .openapi('AdminStatus');

const ReindexRequestSchema = z
  .object({
    force: z.boolean().default(false).openapi({ description: 'Rebuild even when the corpus is unchanged' }),
    acceptShrink: z.boolean().default(false).openapi({ description: 'Publish even when the new index loses more than 20 % of the cases, or all cases of a document' }),
  })
  .strict()
  .openapi('ReindexRequest');

/** The responses every admin route may give besides its own: no token, or the admin API off. */
export const refused = {
  401: jsonContent(ErrorSchema, 'Missing or wrong token (UNAUTHORIZED)'),
  403: jsonContent(ErrorSchema, 'The admin API is off: ADMIN_TOKEN is not set (ADMIN_DISABLED)'),
};

const reindexRoute = createRoute({
  method: 'post',
  path: '/api/admin/reindex',
  summary: 'Re-build the index from corpus/ in the background and swap it in when it is complete and valid',
  security: [{ bearer: [] }],
  request: { body: { content: { 'application/json': { schema: ReindexRequestSchema } }, required: false } },
  responses: {
    202: jsonContent(z.object({ status: ReindexStatusSchema }), 'Started; follow it at /api/admin/status'),
    409: jsonContent(ErrorSchema.extend({ status: ReindexStatusSchema }), 'A re-index is already running (REINDEX_RUNNING)'),
    ...refused,
  },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/api/admin/status',
  summary: 'The served index and the last re-index (or start-up ingest): running, succeeded or failed (and why, e.g. INDEX_SHRINK_REFUSED)',
  security: [{ bearer: [] }],
  responses: { 200: jsonContent(StatusResponseSchema, 'Status'), ...refused },
});

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Bearer-token guard of the admin API. The token is compared in constant time (over SHA-256
 * digests, so its length does not leak either). Without a configured token the admin API is off.
 */
export function adminGuard(token: string | undefined): MiddlewareHandler {
  const expected = token ? digest(token) : null;
  return async (c, next) => {
    if (!expected) return c.json(errorBody('ADMIN_DISABLED', 'the admin API is off; set ADMIN_TOKEN to enable it'), 403);
    const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!m || !timingSafeEqual(digest(m[1]), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="casechat-admin"');
      return c.json(errorBody('UNAUTHORIZED', 'a valid admin token is required: Authorization: Bearer <ADMIN_TOKEN>'), 401);
    }
    return next();
  };
}

const guarded = new WeakSet<OpenAPIHono>();

/** Puts the admin API of `app` behind `adminGuard(token)`, once however many parts register admin routes. */
export function guardAdmin(app: OpenAPIHono, token: string | undefined): void {
  if (guarded.has(app)) return;
  guarded.add(app);
  app.use('/api/admin/*', adminGuard(token));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
}

/** Registers `POST /api/admin/reindex` and `GET /api/admin/status` over a live index. */
export function registerAdmin(app: OpenAPIHono, live: LiveIndex, token: string | undefined): void {
  guardAdmin(app, token);

  app.openapi(reindexRoute, async (c) => {
    // the body is optional: a POST without one re-indexes without force (a JSON body was parsed, or refused, by jsonBodies)
    const body: unknown = c.req.header('content-type') ? await c.req.json() : {};
    const parsed = ReindexRequestSchema.safeParse(body);
    if (!parsed.success) return c.json(errorBody('BAD_REQUEST', issuesMessage(parsed.error.issues)), 400) as never;
    if (!live.startReindex({ force: parsed.data.force, acceptShrink: parsed.data.acceptShrink })) {
      return c.json({ ...errorBody('REINDEX_RUNNING', 'a re-index is already running; follow it at /api/admin/status'), status: live.status }, 409);
    }
    return c.json({ status: live.status }, 202);
  });

  app.openapi(statusRoute, (c) => {
    const { index } = live.engine;
    return c.json(
      {
        status: live.status,
        index: { generation: index.generation, createdAt: index.manifest.createdAt, cases: index.cases.length, chunks: index.chunks.length, bytes: index.bytes, model: index.manifest.model.id },
      },
      200,
    );
  });
}
