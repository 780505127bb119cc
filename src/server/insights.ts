import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { analytics, dayOf, periodBounds, questionLogCsv, type Period } from '../store/analytics.js';
import type { Store } from '../store/types.js';
import { guardAdmin, refused } from './admin.js';
import { ApiError } from './errors.js';
import { fromStore } from './questions.js';
import { EXAMPLES } from './examples.js';
import { ErrorSchema, jsonContent } from './schemas.js';

/** The period analytics cover when none is asked for: the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30;

const DAY_MS = 86_400_000;

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD', abort: true })
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && dayOf(Date.parse(`${d}T00:00:00Z`)) === d, 'must be a real date');

export const PeriodQuerySchema = z
  .object({
    from: Day.optional().openapi({
      param: { name: 'from', in: 'query' },
      description: `First day (UTC), included; default ${DEFAULT_PERIOD_DAYS - 1} days before to`,
      example: '2025-01-01',
    }),
    to: Day.optional().openapi({ param: { name: 'to', in: 'query' }, description: 'Last day (UTC), included; default today', example: '2025-01-31' }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

const CaseRefSchema = z.object({ id: z.string(), title: z.string().nullable() });

const AnalyticsSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    totals: z.object({
      questions: z.number(),
      conversations: z.number(),
      declined: z.number(),
      followUps: z.number(),
      thumbsUp: z.number(),
      thumbsDown: z.number(),
    }),
    perDay: z.array(z.object({ day: z.string(), questions: z.number(), declined: z.number() })),
    gaps: z
      .array(z.object({ question: z.string(), count: z.number(), examples: z.array(z.string()), terms: z.array(z.string()), lastAskedAt: z.string() }))
      .openapi({
        description: 'Declined questions grouped by similar wording: what the collection has no case for',
      }),
    thumbsDown: z.array(
      z.object({
        answerId: z.string(),
        askedAt: z.string(),
        question: z.string(),
        answer: z.string(),
        comment: z.string().nullable(),
        cases: z.array(CaseRefSchema),
      }),
    ),
    topCases: z.array(CaseRefSchema.extend({ questions: z.number() })),
    answerTypes: z.array(z.object({ answerType: z.string(), questions: z.number() })),
    languages: z.array(z.object({ language: z.string(), questions: z.number() })),
    latencyMs: z.object({ p50: z.number(), p90: z.number(), p95: z.number(), p99: z.number(), max: z.number() }).nullable(),
  })
  .openapi('Analytics');

const unavailable = { 503: jsonContent(ErrorSchema, 'The store cannot be read right now (STORE_UNAVAILABLE)') };
const badPeriod = { 400: jsonContent(ErrorSchema, 'A date that is not YYYY-MM-DD, or from after to (BAD_REQUEST)') };

const analyticsRoute = createRoute({
  method: 'get',
  path: '/api/admin/analytics',
  summary: 'Questions per day, gaps (declined questions grouped), thumbs-down answers, most cited cases, answer types, latency',
  security: [{ bearer: [] }],
  request: { query: PeriodQuerySchema },
  responses: { 200: jsonContent(AnalyticsSchema, 'The figures of the period', EXAMPLES.analytics.response), ...badPeriod, ...refused, ...unavailable },
});

const csvRoute = createRoute({
  method: 'get',
  path: '/api/admin/analytics.csv',
  summary: 'The question log of the period as CSV, one line per question with its feedback',
  security: [{ bearer: [] }],
  request: { query: PeriodQuerySchema },
  responses: {
    200: { content: { 'text/csv': { schema: z.string(), example: EXAMPLES.analyticsCsv.response } }, description: 'CSV (RFC 4180)' },
    ...badPeriod,
    ...refused,
    ...unavailable,
  },
});

const forgetRoute = createRoute({
  method: 'delete',
  path: '/api/admin/conversations/{id}',
  summary: 'Remove a conversation with its questions and their feedback (a person who typed personal data into a question)',
  security: [{ bearer: [] }],
  request: {
    params: z.object({
      id: z
        .uuid({ error: 'id must be a conversationId (a UUID)' })
        .openapi({ param: { name: 'id', in: 'path' }, example: EXAMPLES.deleteConversation.params.id }),
    }),
  },
  responses: {
    200: jsonContent(
      z.object({ id: z.string(), removed: z.object({ conversation: z.boolean(), questions: z.number(), feedback: z.number() }) }),
      'What was removed',
      EXAMPLES.deleteConversation.response,
    ),
    400: jsonContent(ErrorSchema, 'Not a conversationId (BAD_REQUEST)'),
    404: jsonContent(ErrorSchema, 'Nothing is stored for this conversation (NOT_FOUND)'),
    ...refused,
    ...unavailable,
  },
});

/** The period asked for, with the defaults filled in: to = today (UTC), from = 29 days before it. */
export function resolvePeriod(query: { from?: string; to?: string }, now: number = Date.now()): Period {
  const to = query.to ?? dayOf(now);
  const from = query.from ?? dayOf(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS);
  if (from > to) throw new ApiError(400, 'BAD_REQUEST', `from (${from}) must not be after to (${to})`);
  return { from, to };
}

/**
 * Registers the admin API over the store, behind the admin token: `GET /api/admin/analytics`,
 * `GET /api/admin/analytics.csv` and `DELETE /api/admin/conversations/:id`. `caseTitle` names a
 * case from the served index (null when it is not there).
 */
export function registerInsights(app: OpenAPIHono, store: Store, token: string | undefined, caseTitle: (id: string) => string | null): void {
  guardAdmin(app, token);
  const rowsOf = (period: Period) => {
    const { from, to } = periodBounds(period);
    return fromStore('the question log cannot be read', () => store.questions.between(from, to));
  };

  app.openapi(analyticsRoute, async (c) => {
    const period = resolvePeriod(c.req.valid('query'));
    return c.json(analytics(await rowsOf(period), period, caseTitle), 200);
  });

  app.openapi(csvRoute, async (c) => {
    const period = resolvePeriod(c.req.valid('query'));
    const csv = questionLogCsv(await rowsOf(period));
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="casechat-questions-${period.from}-${period.to}.csv"`,
    });
  });

  app.openapi(forgetRoute, async (c) => {
    const id = c.req.valid('param').id.toLowerCase();
    const removed = await fromStore('the conversation could not be removed', () => store.forget(id));
    if (!removed.conversation && removed.questions === 0) throw new ApiError(404, 'NOT_FOUND', `nothing is stored for the conversation ${id}`);
    return c.json({ id, removed }, 200);
  });
}
