import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AskResult } from '../answer/ask.js';
import { CasechatError } from '../errors.js';
import type { Store } from '../store/types.js';
import { ApiError } from './errors.js';
import { EXAMPLES } from './examples.js';
import { ErrorSchema, FeedbackRequestSchema, FeedbackResponseSchema, jsonContent } from './schemas.js';

/**
 * Queues one answered question for the question log: the time, the conversation, the question and
 * its answer, language, plan, cited cases, whether it was declined, and the time the answer took. No
 * IP address or user agent. The write happens after the response, in a batch; it never fails the answer.
 */
export function logAnswer(store: Store | undefined, question: string, result: AskResult, latencyMs: number, askedAt: number = Date.now()): void {
  store?.questions.record({
    answerId: result.answerId,
    conversationId: result.conversationId,
    askedAt,
    question,
    answer: result.answer,
    language: result.language,
    answerType: result.plan.answerType,
    followUp: result.plan.followUp,
    caseIds: result.cases.map((c) => c.id),
    declined: result.declined,
    latencyMs: Math.round(latencyMs * 100) / 100,
  });
}

const feedbackRoute = createRoute({
  method: 'post',
  path: '/api/feedback',
  summary: 'Rate an answer up or down, with an optional comment; a second rating of the same answer replaces the first',
  request: { body: { content: { 'application/json': { schema: FeedbackRequestSchema, example: EXAMPLES.feedback.body } }, required: true } },
  responses: {
    200: jsonContent(FeedbackResponseSchema, 'The rating as stored', EXAMPLES.feedback.response),
    400: jsonContent(ErrorSchema, 'Invalid request (BAD_REQUEST)'),
    404: jsonContent(ErrorSchema, 'No answer has this answerId (NOT_FOUND)'),
    503: jsonContent(ErrorSchema, 'The store cannot be written right now (STORE_UNAVAILABLE)'),
  },
});

/** Runs a store call for a route: a store that cannot be reached is a 503 STORE_UNAVAILABLE saying what could not be done. */
export async function fromStore<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof CasechatError && e.code === 'STORE_UNAVAILABLE') throw new ApiError(503, 'STORE_UNAVAILABLE', `${what} right now; try again in a moment`);
    throw e;
  }
}

/** Registers `POST /api/feedback`: the rating is stored before it is acknowledged. */
export function registerFeedback(app: OpenAPIHono, store: Store): void {
  app.openapi(feedbackRoute, async (c) => {
    const { answerId, rating, comment } = c.req.valid('json');
    const stored = { answerId: answerId.toLowerCase(), rating, comment: comment || null };
    const found = await fromStore('the feedback could not be stored', () => store.feedback.rate({ ...stored, at: Date.now() }));
    if (!found) throw new ApiError(404, 'NOT_FOUND', `no answer has the answerId ${stored.answerId}`);
    return c.json(stored, 200);
  });
}
