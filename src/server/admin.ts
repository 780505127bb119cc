import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ApiError, issuesMessage } from './errors.js';
import type { LiveIndex } from './live.js';
import { EXAMPLES } from './examples.js';
import { adminGuard } from './middleware/admin-guard.js';
import { ErrorSchema, jsonContent } from './schemas.js';

export const ReindexStatusSchema = z
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

export const StatusResponseSchema = z
  .object({
    status: ReindexStatusSchema,
    index: z.object({ generation: z.string(), createdAt: z.string(), cases: z.number(), chunks: z.number(), bytes: z.number(), model: z.string() }),
  })
  .openapi('AdminStatus');

const ReindexRequestSchema = z
  .object({
    force: z.boolean().default(false).openapi({ description: 'Rebuild even when the corpus is unchanged' }),
    acceptShrink: z
      .boolean()
      .default(false)
      .openapi({ description: 'Publish even when the new index loses more than 20 % of the cases, or all cases of a document' }),
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
  request: { body: { content: { 'application/json': { schema: ReindexRequestSchema, example: EXAMPLES.reindex.body } }, required: false } },
  responses: {
    202: jsonContent(z.object({ status: ReindexStatusSchema }), 'Started; follow it at /api/admin/status', EXAMPLES.reindex.response),
    409: jsonContent(ErrorSchema.extend({ status: ReindexStatusSchema }), 'A re-index is already running (REINDEX_RUNNING)'),
    ...refused,
  },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/api/admin/status',
  summary: 'The served index and the last re-index (or start-up ingest): running, succeeded or failed (and why, e.g. INDEX_SHRINK_REFUSED)',
  security: [{ bearer: [] }],
  responses: { 200: jsonContent(StatusResponseSchema, 'Status', EXAMPLES.adminStatus.response), ...refused },
});

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
    if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', issuesMessage(parsed.error.issues));
    if (!live.startReindex({ force: parsed.data.force, acceptShrink: parsed.data.acceptShrink })) {
      throw new ApiError(409, 'REINDEX_RUNNING', 'a re-index is already running; follow it at /api/admin/status', { extra: { status: live.status } });
    }
    return c.json({ status: live.status }, 202);
  });

  app.openapi(statusRoute, (c) => {
    const { index } = live.engine;
    return c.json(
      {
        status: live.status,
        index: {
          generation: index.generation,
          createdAt: index.manifest.createdAt,
          cases: index.cases.length,
          chunks: index.chunks.length,
          bytes: index.bytes,
          model: index.manifest.model.id,
        },
      },
      200,
    );
  });
}
