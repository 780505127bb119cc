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
  .object({ force: z.boolean().default(false).openapi({ description: 'Rebuild even when the corpus is unchanged' }) })
  .strict()
  .openapi('ReindexRequest');

const json = jsonContent;
const refused = {
  401: json(ErrorSchema, 'Missing or wrong token (UNAUTHORIZED)'),
  403: json(ErrorSchema, 'The admin API is off: ADMIN_TOKEN is not set (ADMIN_DISABLED)'),
};

const reindexRoute = createRoute({
  method: 'post',
  path: '/api/admin/reindex',
  summary: 'Re-build the index from corpus/ in the background and swap it in when it is complete and valid',
  security: [{ bearer: [] }],
  request: { body: { content: { 'application/json': { schema: ReindexRequestSchema, example: EXAMPLES.reindex.body } }, required: false } },
  responses: {
    202: json(z.object({ status: ReindexStatusSchema }), 'Started; follow it at /api/admin/status', EXAMPLES.reindex.response),
    409: json(ErrorSchema.extend({ status: ReindexStatusSchema }), 'A re-index is already running (REINDEX_RUNNING)'),
    ...refused,
  },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/api/admin/status',
  summary: 'The served index and the last re-index: running, succeeded or failed (and why)',
  security: [{ bearer: [] }],
  responses: { 200: json(StatusResponseSchema, 'Status', EXAMPLES.adminStatus.response), ...refused },
});

/** Registers `POST /api/admin/reindex` and `GET /api/admin/status` over a live index. */
export function registerAdmin(app: OpenAPIHono, live: LiveIndex, token: string | undefined): void {
  app.use('/api/admin/*', adminGuard(token));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  app.openapi(reindexRoute, async (c) => {
    // the body is optional: a POST without one re-indexes without force (a JSON body was parsed, or refused, by jsonBodies)
    const body: unknown = c.req.header('content-type') ? await c.req.json() : {};
    const parsed = ReindexRequestSchema.safeParse(body);
    if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', issuesMessage(parsed.error.issues));
    if (!live.startReindex({ force: parsed.data.force })) {
      throw new ApiError(409, 'REINDEX_RUNNING', 'a re-index is already running; follow it at /api/admin/status', { extra: { status: live.status } });
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
