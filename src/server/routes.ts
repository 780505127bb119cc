import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { search } from '../search/hybrid.js';
import { foldDanish } from '../text/fold.js';
import { squash } from '../text/normalize.js';
import { analyse } from '../answer/analyse.js';
import { sourceOf } from '../answer/compose.js';
import type { Case } from '../types.js';
import { caseLines, caseListItem, contactView } from './projections.js';
import { ApiError, errorBody } from './errors.js';
import { EXAMPLES } from './examples.js';
import { requestLogger } from './middleware/observe-requests.js';
import type { Served } from './served.js';
import { logAnswer } from './questions.js';
import {
  AskRequestSchema,
  AskResponseSchema,
  CaseDetailSchema,
  CaseIdParamSchema,
  CaseListSchema,
  ContactsQuerySchema,
  ContactsResponseSchema,
  ErrorSchema,
  HealthSchema,
  jsonContent,
  SearchQuerySchema,
  SearchResponseSchema,
} from './schemas.js';

/** Pause after each streamed part of an answer, in ms. */
const STREAM_PACE_MS = 25;

const badRequest = { 400: jsonContent(ErrorSchema, 'Invalid request (BAD_REQUEST)') };
const jsonBody = <T>(schema: T, example: unknown) => ({ content: { 'application/json': { schema, example } }, required: true });

const searchRoute = createRoute({
  method: 'get',
  path: '/api/search',
  summary: 'Find cases for a question: one result per case, best first',
  request: { query: SearchQuerySchema },
  responses: { 200: jsonContent(SearchResponseSchema, 'Cases with their best passage and its source', EXAMPLES.search.response), ...badRequest },
});

const askRoute = createRoute({
  method: 'post',
  path: '/api/ask',
  summary: 'Ask a question in a conversation; get a cited Danish answer (Markdown)',
  request: { body: jsonBody(AskRequestSchema, EXAMPLES.ask.body) },
  responses: { 200: jsonContent(AskResponseSchema, 'The answer, its citations and the cases with contacts', EXAMPLES.ask.response), ...badRequest },
});

const askStreamRoute = createRoute({
  method: 'post',
  path: '/api/ask/stream',
  summary: 'Same as /api/ask as server-sent events: meta, delta (answer text), citations, cases, done',
  request: { body: jsonBody(AskRequestSchema, EXAMPLES.askStream.body) },
  responses: {
    200: {
      content: { 'text/event-stream': { schema: AskResponseSchema, example: EXAMPLES.askStream.response } },
      description: 'Event stream; `done` carries the whole answer',
    },
    ...badRequest,
  },
});

const casesRoute = createRoute({
  method: 'get',
  path: '/api/cases',
  summary: 'All cases',
  responses: { 200: jsonContent(CaseListSchema, 'Every case with its organisations, year and document', EXAMPLES.cases.response) },
});

const caseRoute = createRoute({
  method: 'get',
  path: '/api/cases/{id}',
  summary: 'One case with its sections, contacts and source',
  request: { params: CaseIdParamSchema },
  responses: {
    200: jsonContent(CaseDetailSchema, 'The case', EXAMPLES.case.response),
    404: jsonContent(ErrorSchema, 'No case has this id (NOT_FOUND)'),
    ...badRequest,
  },
});

const contactsRoute = createRoute({
  method: 'get',
  path: '/api/contacts',
  summary: 'Find contact people by name, organisation, email or topic',
  request: { query: ContactsQuerySchema },
  responses: { 200: jsonContent(ContactsResponseSchema, 'Matching contacts with their case', EXAMPLES.contacts.response), ...badRequest },
});

/** `GET /healthz` (registered by the app). */
export const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Whether the server answers, and which index it serves',
  responses: { 200: jsonContent(HealthSchema, 'The served index: counts, model and generation', EXAMPLES.health.response) },
});

/** `GET /metrics` (registered by the app). */
export const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  summary: 'Prometheus metrics: requests and latency per route, index size and age, re-index outcomes',
  responses: {
    200: { content: { 'text/plain; version=0.0.4': { schema: z.string(), example: EXAMPLES.metrics.response } }, description: 'Prometheus text format' },
  },
});

/** The source of a case as cited: file, page, and line range. */
function caseSource(c: Case) {
  return { file: c.file, page: c.pageStart, lineStart: c.linesAreSource ? c.lineStart : null, lineEnd: c.linesAreSource ? c.lineEnd : null };
}

/** Registers the JSON API. */
export function registerApi(app: OpenAPIHono, deps: Served): void {
  // each request reads the served index once: a re-index swapping it meanwhile does not mix two indexes
  app.openapi(searchRoute, async (c) => {
    const { engine } = deps;
    const { q, k } = c.req.valid('query');
    // the question's scaffolding ("hvordan", "kan man", "findes der") is no topic: search its focus words
    const a = analyse(q);
    const result = await search(engine, a.searchText || a.fallbackText || q, { k });
    return c.json(
      {
        query: q,
        results: result.hits.map((h) => {
          const p = h.passages[0]?.chunk;
          return {
            caseId: h.case.id,
            title: h.case.title,
            score: Number(h.score.toFixed(6)),
            passage: p ? p.text : h.case.summary,
            source: p ? sourceOf(p) : caseSource(h.case),
          };
        }),
      },
      200,
    );
  });

  app.openapi(askRoute, async (c) => {
    const { answerer } = deps;
    const { question, conversationId } = c.req.valid('json');
    const start = performance.now();
    const result = await answerer.ask(question, conversationId);
    logAnswer(deps.store, question, result, performance.now() - start);
    return c.json(result, 200);
  });

  app.openapi(askStreamRoute, async (c) => {
    const { answerer } = deps;
    const { question, conversationId } = c.req.valid('json');
    const start = performance.now();
    let paused = 0;
    return streamSSE(c, async (stream) => {
      try {
        for await (const e of answerer.askStream(question, conversationId)) {
          if (e.type === 'meta')
            await stream.writeSSE({
              event: 'meta',
              data: JSON.stringify({ conversationId: e.conversationId, newConversation: e.newConversation, notice: e.notice }),
            });
          else if (e.type === 'delta') {
            await stream.writeSSE({ event: 'delta', data: JSON.stringify({ text: e.text }) });
            // parts are composed in a few milliseconds; a short pause lets the chat bubble fill part by part
            const before = performance.now();
            await stream.sleep(STREAM_PACE_MS);
            paused += performance.now() - before;
          } else {
            // the time to compose the answer, without the pauses between the parts sent
            logAnswer(deps.store, question, e.result, performance.now() - start - paused);
            await stream.writeSSE({ event: 'citations', data: JSON.stringify({ citations: e.result.citations }) });
            await stream.writeSSE({ event: 'cases', data: JSON.stringify({ cases: e.result.cases }) });
            await stream.writeSSE({ event: 'done', data: JSON.stringify(e.result) });
          }
        }
      } catch (e) {
        requestLogger(c).error({ err: e }, 'answer stream failed');
        await stream.writeSSE({ event: 'error', data: JSON.stringify(errorBody('INTERNAL', 'internal error')) });
      }
    });
  });

  app.openapi(casesRoute, (c) => c.json({ cases: deps.engine.index.cases.map(caseListItem) }, 200));

  app.openapi(caseRoute, (c) => {
    const { engine } = deps;
    const { id } = c.req.valid('param');
    const found = engine.caseById.get(id);
    if (!found) throw new ApiError(404, 'NOT_FOUND', `no case with id ${id}`);
    // the case's lines, as its chunks hold them, so each section gets exactly its own lines
    const lineText = caseLines(engine.chunksOfCase.get(id) ?? []);
    const sectionText = (from: number, to: number) => {
      const out: string[] = [];
      for (let n = from; n <= to; n++) out.push(lineText.get(n) ?? '');
      return out.join('\n').trim();
    };
    return c.json(
      {
        id: found.id,
        title: found.title,
        document: found.document,
        organisations: found.organisations,
        nominator: found.nominator,
        targetGroup: found.targetGroup,
        year: found.year,
        summary: found.summary,
        sections: found.sections.map((s) => ({
          name: s.name,
          text: sectionText(s.lineStart, s.lineEnd),
          source: { ...caseSource(found), lineStart: found.linesAreSource ? s.lineStart : null, lineEnd: found.linesAreSource ? s.lineEnd : null },
        })),
        contacts: found.contacts.map(contactView),
        source: caseSource(found),
      },
      200,
    );
  });

  app.openapi(contactsRoute, async (c) => {
    const { engine } = deps;
    const { q } = c.req.valid('query');
    const needle = foldDanish(squash(q));
    const direct = engine.index.cases.flatMap((x) =>
      x.contacts
        .filter((p) => [p.name, p.email, p.org, p.role, x.title, ...x.organisations].some((v) => v && foldDanish(v).includes(needle)))
        .map((p) => ({ p, x })),
    );
    // no name, email or organisation matched: the contacts of the cases about the topic
    const found = direct.length ? direct : (await search(engine, q, { k: 3 })).hits.flatMap((h) => h.case.contacts.map((p) => ({ p, x: h.case })));
    return c.json(
      {
        query: q,
        results: found.slice(0, 50).map(({ p, x }) => ({ ...contactView(p), caseId: x.id, caseTitle: x.title })),
      },
      200,
    );
  });
}
