import { z } from '@hono/zod-openapi';
import { EXAMPLES } from './examples.js';

/** The request and response shapes of the API: they validate requests and generate /openapi.json. */

/** A JSON response (or request body) of a route: its schema, with an example when there is one. */
export function jsonContent<T>(schema: T, description: string, example?: unknown) {
  return { content: { 'application/json': example === undefined ? { schema } : { schema, example } }, description };
}

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error', { example: { error: { code: 'BAD_REQUEST', message: 'q: required' } } });

export const SourceSchema = z
  .object({
    file: z.string().openapi({ description: 'Path under corpus/' }),
    page: z.number().int().nullable(),
    lineStart: z.number().int().nullable().openapi({ description: '1-based, inclusive' }),
    lineEnd: z.number().int().nullable().openapi({ description: '1-based, inclusive' }),
  })
  .openapi('Source');

export const SearchQuerySchema = z.object({
  q: z
    .string({ error: 'q is required' })
    .trim()
    .min(1, 'q must not be empty')
    .max(1000, 'q must be at most 1000 characters')
    .openapi({ param: { name: 'q', in: 'query', description: 'The question, in Danish or English' }, example: EXAMPLES.search.query.q }),
  k: z.coerce
    .number({ error: 'k must be a number' })
    .int('k must be a whole number')
    .min(1, 'k must be between 1 and 50')
    .max(50, 'k must be between 1 and 50')
    .default(10)
    .openapi({ param: { name: 'k', in: 'query', description: 'How many cases, 1–50 (default 10)' }, example: EXAMPLES.search.query.k }),
});

export const SearchResponseSchema = z
  .object({
    query: z.string(),
    results: z.array(z.object({ caseId: z.string(), title: z.string(), score: z.number(), passage: z.string(), source: SourceSchema })),
  })
  .openapi('SearchResponse');

export const ContactSchema = z
  .object({
    name: z.string(),
    role: z.string().nullable(),
    org: z.string().nullable(),
    email: z.string().nullable().openapi({ description: 'The first address' }),
    emails: z.array(z.string()).optional().openapi({ description: 'Every address of the person, in the order written (the case and contact endpoints)' }),
    phone: z.string().nullable(),
    emailRepaired: z.boolean().optional().openapi({ description: 'An address was repaired from an extraction error' }),
  })
  .openapi('Contact');

export const CitationSchema = z
  .object({ n: z.number().int(), caseId: z.string(), title: z.string(), quote: z.string(), source: SourceSchema })
  .openapi('Citation');

export const AskCaseSchema = z
  .object({ id: z.string(), title: z.string(), organisations: z.array(z.string()), contacts: z.array(ContactSchema) })
  .openapi('AskCase');

export const AskRequestSchema = z
  .object({
    question: z
      .string({ error: 'question is required and must be a string' })
      .trim()
      .min(1, 'question must not be empty')
      .max(1000, 'question must be at most 1000 characters'),
    conversationId: z.string().min(1, 'conversationId must not be empty').max(100, 'conversationId must be at most 100 characters').optional(),
  })
  .openapi('AskRequest', { example: EXAMPLES.ask.body });

export const AskResponseSchema = z
  .object({
    conversationId: z.string(),
    answer: z.string().openapi({ description: 'Markdown: paragraphs, `- ` list items, `**bold**` and `[n]` citation markers, nothing else' }),
    citations: z.array(CitationSchema),
    cases: z.array(AskCaseSchema),
    notice: z.string().nullable().openapi({ description: 'Set when an unknown or expired conversation was replaced by a new one' }),
    answerId: z.uuid().openapi({ description: 'The id of this answer, for POST /api/feedback' }),
    plan: z
      .object({ answerType: z.string(), followUp: z.boolean(), why: z.string() })
      .openapi({ description: 'How the question was answered: the kind of answer, whether as a follow-up of the conversation, and why in a few words' }),
    declined: z.boolean().openapi({ description: 'True when nothing in the collection answered the question' }),
    language: z.enum(['da', 'en']),
  })
  .openapi('AskResponse');

export const FeedbackRequestSchema = z
  .object({
    answerId: z.uuid({ error: 'answerId must be the answerId of an answer (a UUID)' }),
    rating: z.enum(['up', 'down'], { error: 'rating must be "up" or "down"' }),
    comment: z
      .string({ error: 'comment must be a string' })
      .trim()
      .max(1000, 'comment must be at most 1000 characters')
      .optional()
      .openapi({ description: 'Optional: what was wrong or missing' }),
  })
  .strict()
  .openapi('FeedbackRequest', { example: { answerId: '0b7d2c4e-8f1a-4c3b-9d5e-6a7b8c9d0e1f', rating: 'down', comment: 'Kontaktpersonen mangler' } });

export const FeedbackResponseSchema = z
  .object({ answerId: z.string(), rating: z.enum(['up', 'down']), comment: z.string().nullable() })
  .openapi('FeedbackResponse');

export const CaseListSchema = z
  .object({
    cases: z.array(z.object({ id: z.string(), title: z.string(), organisations: z.array(z.string()), year: z.string().nullable(), document: z.string() })),
  })
  .openapi('CaseList');

export const CaseDetailSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    document: z.string(),
    organisations: z.array(z.string()),
    nominator: z.string().nullable(),
    targetGroup: z.string().nullable(),
    year: z.string().nullable(),
    summary: z.string(),
    sections: z.array(z.object({ name: z.string(), text: z.string(), source: SourceSchema })),
    contacts: z.array(ContactSchema),
    source: SourceSchema,
  })
  .openapi('CaseDetail');

export const CaseIdParamSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9-]{1,120}$/, 'id must be a case slug')
    .openapi({ param: { name: 'id', in: 'path', description: 'The case id (see /api/cases)' }, example: EXAMPLES.case.params.id }),
});

export const ContactsQuerySchema = z.object({
  q: z
    .string({ error: 'q is required' })
    .trim()
    .min(1, 'q must not be empty')
    .max(200, 'q must be at most 200 characters')
    .openapi({ param: { name: 'q', in: 'query', description: 'A name, organisation, email or topic' }, example: EXAMPLES.contacts.query.q }),
});

export const ContactsResponseSchema = z
  .object({ query: z.string(), results: z.array(ContactSchema.extend({ caseId: z.string(), caseTitle: z.string() })) })
  .openapi('ContactsResponse');

export const HealthSchema = z
  .object({
    status: z.string().openapi({ description: '"ok" while the server answers' }),
    cases: z.number().int(),
    chunks: z.number().int(),
    model: z.string().openapi({ description: 'The embedding model of the served index' }),
    generation: z.string().openapi({ description: 'The served index generation (replicas behind a load balancer should agree)' }),
    indexCreatedAt: z.string(),
  })
  .openapi('Health');
