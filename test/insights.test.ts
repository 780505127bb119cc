import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Analytics } from '../src/store/analytics.js';
import { dayOf } from '../src/store/analytics.js';
import { registerInsights, resolvePeriod } from '../src/server/insights.js';
import type { Store } from '../src/store/types.js';
import { tempStore, testApp, testEngine } from './app.js';

const TOKEN = 'insights-admin-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

/** The real app with a real SQLite store and the admin API over it. */
async function adminApp(token: string | null = TOKEN) {
  const store = await tempStore();
  stores.push(store);
  const engine = await testEngine();
  const app = await testApp([], 0, { store });
  registerInsights(app, store, token ?? undefined, (id) => engine.caseById.get(id)?.title ?? null);
  const ask = async (question: string, conversationId?: string) =>
    (await (
      await app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question, conversationId }) })
    ).json()) as {
      conversationId: string;
      answerId: string;
      answer: string;
      cases: Array<{ id: string; title: string }>;
    };
  const rate = (answerId: string, rating: 'up' | 'down', comment?: string) =>
    app.request('/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answerId, rating, comment }) });
  const get = (path: string, headers: Record<string, string> = auth) => app.request(path, { headers });
  return { app, store, ask, rate, get };
}

const today = () => dayOf(Date.now());

describe('GET /api/admin/analytics', () => {
  it('reports the period’s questions, gaps, thumbs-down answers, cited cases, answer types and latency', async () => {
    const { ask, rate, get } = await adminApp();
    const homeless = await ask('Hvordan hjælper man hjemløse unge?');
    const contact = await ask('Hvem kan jeg kontakte om det?', homeless.conversationId);
    await ask('Hvordan laver man en rumraket af pap?');
    await ask('Hvordan bygger man rumraketter af pap?');
    await ask('hvad koster vintervedligeholdelse af veje?');
    expect((await rate(contact.answerId, 'down', 'Telefonnummeret mangler')).status).toBe(200);
    expect((await rate(homeless.answerId, 'up')).status).toBe(200);

    const res = await get('/api/admin/analytics');
    expect(res.status).toBe(200);
    const a = (await res.json()) as Analytics;
    expect(a.period.to).toBe(today());
    expect(a.perDay).toHaveLength(30);
    expect(a.perDay.at(-1)).toEqual({ day: today(), questions: 5, declined: 3 });
    expect(a.totals).toEqual({ questions: 5, conversations: 4, declined: 3, followUps: 1, thumbsUp: 1, thumbsDown: 1 });
    expect(a.gaps.map((g) => [g.question, g.count])).toEqual([
      ['Hvordan laver man en rumraket af pap?', 2],
      ['hvad koster vintervedligeholdelse af veje?', 1],
    ]);
    expect(a.thumbsDown).toHaveLength(1);
    expect(a.thumbsDown[0]).toMatchObject({
      answerId: contact.answerId,
      question: 'Hvem kan jeg kontakte om det?',
      answer: contact.answer,
      comment: 'Telefonnummeret mangler',
    });
    // (the contacts of each case the list showed, its first first)
    expect(a.thumbsDown[0].cases).toEqual(contact.cases.map(({ id, title }) => ({ id, title })));
    expect(a.thumbsDown[0].cases[0]).toEqual({ id: 'hjem-til-alle', title: 'Hjem til Alle' });
    // (every case of the list is cited twice: in the list and in the contacts of each)
    expect(a.topCases[0].questions).toBe(2);
    expect(a.topCases).toContainEqual({ id: 'hjem-til-alle', title: 'Hjem til Alle', questions: 2 });
    expect(a.answerTypes).toEqual([
      { answerType: 'topic', questions: 3 },
      { answerType: 'money', questions: 1 },
      { answerType: 'person', questions: 1 },
    ]);
    expect(a.latencyMs!.p50).toBeGreaterThan(0);
    expect(a.latencyMs!.max).toBeGreaterThanOrEqual(a.latencyMs!.p99);
  });

  it('covers only the days asked for', async () => {
    const { ask, get } = await adminApp();
    await ask('Hvordan hjælper man hjemløse unge?');
    const a = (await (await get('/api/admin/analytics?from=2020-01-01&to=2020-01-02')).json()) as Analytics;
    expect(a.period).toEqual({ from: '2020-01-01', to: '2020-01-02' });
    expect(a.perDay).toEqual([
      { day: '2020-01-01', questions: 0, declined: 0 },
      { day: '2020-01-02', questions: 0, declined: 0 },
    ]);
    expect(a.totals.questions).toBe(0);
  });

  it.each([
    ['from after to', '?from=2025-02-01&to=2025-01-31', 'from: from must not be after to'],
    ['a date that is not YYYY-MM-DD', '?from=1.2.2025', 'from: must be a date YYYY-MM-DD'],
    ['a date that does not exist', '?to=2025-02-30', 'to: must be a real date'],
  ])('refuses %s with a JSON 400', async (_label, query, message) => {
    const { get } = await adminApp();
    for (const path of ['/api/admin/analytics', '/api/admin/analytics.csv']) {
      const res = await get(path + query);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'BAD_REQUEST', message } });
    }
  });

  it('defaults to the 30 days up to today, and refuses a from after today when no to is given', () => {
    const now = Date.parse('2025-03-10T23:59:00Z');
    expect(resolvePeriod({}, now)).toEqual({ from: '2025-02-09', to: '2025-03-10' });
    expect(resolvePeriod({ to: '2025-01-31' }, now)).toEqual({ from: '2025-01-02', to: '2025-01-31' });
    expect(() => resolvePeriod({ from: '2025-03-11' }, now)).toThrow('from (2025-03-11) must not be after to (2025-03-10)');
  });
});

describe('the admin API over the store refuses', () => {
  const paths: Array<[string, string]> = [
    ['GET', '/api/admin/analytics'],
    ['GET', '/api/admin/analytics.csv'],
    ['DELETE', `/api/admin/conversations/${randomUUID()}`],
  ];

  it.each(paths)('%s %s without a token, or with a wrong one, with a JSON 401', async (method, path) => {
    const { app } = await adminApp();
    for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: TOKEN }] as Array<Record<string, string>>) {
      const res = await app.request(path, { method, headers });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    }
  });

  it.each(paths)('%s %s with a 403 when ADMIN_TOKEN is unset', async (method, path) => {
    const { app } = await adminApp(null);
    const res = await app.request(path, { method, headers: auth });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ADMIN_DISABLED');
  });
});

describe('GET /api/admin/analytics.csv', () => {
  it('exports the question log of the period with the feedback, formulas defused', async () => {
    const { ask, rate, get } = await adminApp();
    const first = await ask('Hvem kan jeg kontakte om Læsehestene?');
    await ask('=1+1 hvad med Odense?');
    await rate(first.answerId, 'down', '=HYPERLINK("http://evil.example")');
    const res = await get(`/api/admin/analytics.csv?from=${today()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="casechat-questions-${today()}-${today()}.csv"`);
    const text = await res.text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('asked_at,conversation_id,answer_id,language,answer_type,follow_up,declined,latency_ms,case_ids,question,answer,rating,comment');
    expect(text).toContain(`,${first.answerId},da,person,false,false,`);
    expect(text).toContain(`,down,"'=HYPERLINK(""http://evil.example"")"\r\n`);
    expect(text).toContain(",'=1+1 hvad med Odense?,");
    expect(text.endsWith('\r\n')).toBe(true);
  });
});

describe('DELETE /api/admin/conversations/:id', () => {
  it('removes a conversation with its questions and feedback, and leaves the others', async () => {
    const { ask, rate, get, app, store } = await adminApp();
    const mine = await ask('Mit cpr-nummer er 010101-1234, hvem kan jeg kontakte om Læsehestene?');
    const followUp = await ask('Hvad kostede det?', mine.conversationId);
    const other = await ask('Hvordan hjælper man hjemløse unge?');
    await rate(followUp.answerId, 'down', 'forkert');

    const res = await app.request(`/api/admin/conversations/${mine.conversationId.toUpperCase()}`, { method: 'DELETE', headers: auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: mine.conversationId, removed: { conversation: true, questions: 2, feedback: 1 } });

    const csv = await (await get('/api/admin/analytics.csv')).text();
    expect(csv).not.toContain('010101-1234');
    expect(csv).toContain(other.answerId);
    expect((await store.conversations.resolve(mine.conversationId)).replaced).toBe(true);
    expect((await store.conversations.resolve(other.conversationId)).replaced).toBe(false);

    const again = await app.request(`/api/admin/conversations/${mine.conversationId}`, { method: 'DELETE', headers: auth });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: { code: 'NOT_FOUND', message: `nothing is stored for the conversation ${mine.conversationId}` } });
  });

  it('refuses an id that is no conversationId with a JSON 400', async () => {
    const { app } = await adminApp();
    const res = await app.request('/api/admin/conversations/1%20OR%201=1', { method: 'DELETE', headers: auth });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'id: id must be a conversationId (a UUID)' } });
  });
});
