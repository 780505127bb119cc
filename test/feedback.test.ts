import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../src/server/metrics.js';
import type { LoggedQuestion, Store } from '../src/store/types.js';
import { tempStore, testApp } from './app.js';

type AskBody = {
  conversationId: string;
  answerId: string;
  answer: string;
  cases: Array<{ id: string }>;
  notice: string | null;
  plan: { answerType: string; followUp: boolean };
  declined: boolean;
  language: string;
};

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

/** The real app with a real SQLite store in a temporary folder, and the app's metrics counting the store's failures. */
async function appWithStore() {
  const metrics = createMetrics();
  const store = await tempStore({ onFailure: (f) => metrics.recordStoreError(f.part) });
  stores.push(store);
  const app = await testApp([], 0, { store, metrics });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    });
  const ask = async (question: string, conversationId?: string) => (await (await post('/api/ask', { question, conversationId })).json()) as AskBody;
  /** Everything the question log holds (asked at most a minute ago). */
  const logged = () => store.questions.between(Date.now() - 60_000, Date.now() + 1);
  return { app, store, post, ask, logged };
}

const HOMELESS = 'Hvordan hjælper man hjemløse unge?';

describe('the question log', () => {
  it('logs an answer of /api/ask with its conversation, plan, cases, language and latency, and nothing about the client', async () => {
    const { post, logged } = await appWithStore();
    const res = await post('/api/ask', { question: HOMELESS }, { 'user-agent': 'Mozilla/5.0 (Secret Browser)', 'x-forwarded-for': '203.0.113.7' });
    const body = (await res.json()) as AskBody;
    const rows = await logged();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row.latencyMs).toBeGreaterThan(0);
    expect(row.askedAt).toBeGreaterThan(Date.now() - 60_000);
    expect({ ...row, latencyMs: 0, askedAt: 0 }).toEqual({
      answerId: body.answerId,
      conversationId: body.conversationId,
      askedAt: 0,
      question: HOMELESS,
      answer: body.answer,
      language: 'da',
      answerType: 'topic',
      followUp: false,
      caseIds: body.cases.map((c) => c.id),
      declined: false,
      latencyMs: 0,
      rating: null,
      comment: null,
    } satisfies LoggedQuestion);
    expect(body.cases.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/Mozilla|Secret Browser|203\.0\.113\.7/);
  });

  it('logs a follow-up as a follow-up, an English question as English, and a question nothing answers as declined', async () => {
    const { ask, logged } = await appWithStore();
    const first = await ask('Hvem kan jeg kontakte om Læsehestene?');
    const second = await ask('Hvad kostede det?', first.conversationId);
    await ask('How can libraries help children read?');
    await ask('hvad koster vintervedligeholdelse af veje?');
    const rows = await logged();
    expect(rows.map((r) => [r.question, r.language, r.answerType, r.followUp, r.declined])).toEqual([
      ['Hvem kan jeg kontakte om Læsehestene?', 'da', 'person', false, false],
      ['Hvad kostede det?', 'da', 'money', true, false],
      ['How can libraries help children read?', 'en', 'topic', false, false],
      ['hvad koster vintervedligeholdelse af veje?', 'da', 'money', false, true],
    ]);
    expect(rows[1].conversationId).toBe(first.conversationId);
    expect(second.plan).toEqual({ answerType: 'money', followUp: true, why: 'no words of its own: a follow-up' });
    expect(rows[3].caseIds).toEqual([]);
  });

  it('logs a streamed answer once, under the answerId its done event carries', async () => {
    const { post, logged } = await appWithStore();
    const text = await (await post('/api/ask/stream', { question: HOMELESS })).text();
    const done = JSON.parse(/event: done\ndata: (.*)\n/.exec(text)![1]) as AskBody;
    expect(done.answerId).toMatch(/^[0-9a-f-]{36}$/);
    const rows = await logged();
    expect(rows.map((r) => [r.answerId, r.conversationId, r.question, r.answer])).toEqual([[done.answerId, done.conversationId, HOMELESS, done.answer]]);
    // the pauses between the streamed parts are not the answer's latency
    expect(rows[0].latencyMs).toBeLessThan(25 * text.split('event: delta').length);
  });

  it('keeps answering when the store has failed, with a notice for the lost conversation, and counts the failures in /metrics', async () => {
    const { app, store, ask } = await appWithStore();
    const first = await ask(HOMELESS);
    await store.close();
    const again = await ask('Hvem kan jeg kontakte om det?', first.conversationId);
    expect(again.conversationId).not.toBe(first.conversationId);
    expect(again.notice).toContain('der er startet en ny');
    expect(again.answer.length).toBeGreaterThan(20);
    await new Promise((r) => setImmediate(r));
    const metrics = await (await app.request('/metrics')).text();
    // the follow-up's resolve and save failed; so did the question log's write
    expect(metrics).toContain('casechat_store_errors_total{part="conversations"} 2');
    expect(metrics).toMatch(/casechat_store_errors_total\{part="questions"\} [1-9]/);
    expect(metrics).toContain('casechat_store_errors_total{part="feedback"} 0');
  });
});

describe('POST /api/feedback', () => {
  it('stores a thumbs down with its comment, and a second rating of the same answer replaces it', async () => {
    const { post, ask, logged } = await appWithStore();
    const { answerId } = await ask(HOMELESS);
    const down = await post('/api/feedback', { answerId, rating: 'down', comment: '  Kontaktpersonen mangler  ' });
    expect(down.status).toBe(200);
    expect(await down.json()).toEqual({ answerId, rating: 'down', comment: 'Kontaktpersonen mangler' });
    expect((await logged()).map((r) => [r.rating, r.comment])).toEqual([['down', 'Kontaktpersonen mangler']]);

    const up = await post('/api/feedback', { answerId: answerId.toUpperCase(), rating: 'up', comment: '' });
    expect(await up.json()).toEqual({ answerId, rating: 'up', comment: null });
    expect((await logged()).map((r) => [r.rating, r.comment])).toEqual([['up', null]]);
  });

  it('stores an injection-looking comment as the text it is, and the store keeps working', async () => {
    const { post, ask, logged } = await appWithStore();
    const { answerId } = await ask(HOMELESS);
    const comment = `'); DROP TABLE feedback; -- <script>alert(1)</script> =HYPERLINK("http://x") \${7*7} {{7*7}}`;
    const res = await post('/api/feedback', { answerId, rating: 'down', comment });
    expect(res.status).toBe(200);
    expect((await logged()).map((r) => r.comment)).toEqual([comment]);
    expect((await post('/api/feedback', { answerId, rating: 'up' })).status).toBe(200);
    expect((await logged()).map((r) => r.rating)).toEqual(['up']);
  });

  const BAD: Array<[string, (answerId: string) => unknown, number, string, string]> = [
    ['a malformed answerId', () => ({ answerId: 'abc', rating: 'up' }), 400, 'BAD_REQUEST', 'answerId: answerId must be the answerId of an answer (a UUID)'],
    [
      'an unknown answerId',
      () => ({ answerId: '6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b', rating: 'up' }),
      404,
      'NOT_FOUND',
      'no answer has the answerId 6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b',
    ],
    [
      'a comment of 1001 characters',
      (id) => ({ answerId: id, rating: 'down', comment: 'x'.repeat(1001) }),
      400,
      'BAD_REQUEST',
      'comment: comment must be at most 1000 characters',
    ],
    ['a wrong rating', (id) => ({ answerId: id, rating: 'meh' }), 400, 'BAD_REQUEST', 'rating: rating must be "up" or "down"'],
    ['no rating', (id) => ({ answerId: id }), 400, 'BAD_REQUEST', 'rating: rating must be "up" or "down"'],
    ['a comment that is no string', (id) => ({ answerId: id, rating: 'down', comment: 5 }), 400, 'BAD_REQUEST', 'comment: comment must be a string'],
    ['an unknown field', (id) => ({ answerId: id, rating: 'up', stars: 5 }), 400, 'BAD_REQUEST', 'Unrecognized key: "stars"'],
  ];

  it.each(BAD)('refuses %s with a clear JSON error, and nothing stored changes', async (_label, body, status, code, message) => {
    const { post, ask, logged } = await appWithStore();
    const { answerId } = await ask(HOMELESS);
    expect((await post('/api/feedback', { answerId, rating: 'down', comment: 'first' })).status).toBe(200);
    const before = await logged();
    const res = await post('/api/feedback', body(answerId));
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ error: { code, message } });
    expect(await logged()).toEqual(before);
  });

  it('answers 503 STORE_UNAVAILABLE when the store cannot be written', async () => {
    const { post, store } = await appWithStore();
    await store.close();
    const res = await post('/api/feedback', { answerId: randomUUID(), rating: 'up' });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'STORE_UNAVAILABLE', message: 'the feedback could not be stored right now; try again in a moment' } });
  });

  it('is not served by an app without a store', async () => {
    const app = await testApp();
    const res = await app.request('/api/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answerId: randomUUID(), rating: 'up' }),
    });
    expect(res.status).toBe(404);
  });
});
