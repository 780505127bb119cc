/**
 * Replicas on one PostgreSQL: two real servers (`src/main.ts` in child processes) on two ports
 * share one throw-away cluster and one published index; and the real app answering while that
 * database is stopped and started again.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startPgCluster, type PgCluster } from '../../scripts/lib/pg-cluster.js';
import { freePort, startServer, type ServerProcess } from '../../scripts/lib/server-process.js';
import { createMetrics } from '../../src/server/metrics.js';
import type { Analytics } from '../../src/store/analytics.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { testApp } from '../app.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const TOKEN = randomBytes(16).toString('hex');

type AskBody = { conversationId: string; answerId: string; answer: string; notice: string | null; cases: Array<{ id: string }>; plan: { followUp: boolean } };

let cluster: PgCluster;

beforeAll(async () => {
  cluster = await startPgCluster();
});

afterAll(async () => {
  await cluster?.destroy();
});

const post = async (base: string, path: string, body: unknown) => {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as AskBody & { error?: { code: string } } };
};

describe('two replicas on one PostgreSQL', () => {
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  /** A read-only replica serving the tests' published index, with its store on `url`. */
  async function replica(url: string): Promise<ServerProcess> {
    const port = await freePort();
    const env = {
      ...process.env,
      ...inject('testEnv'),
      DATABASE_URL: url,
      INDEX_READ_ONLY: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_TOKEN: TOKEN,
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
    };
    const server = await startServer(['--import', 'tsx', 'src/main.ts'], env, ROOT, port, 120_000);
    servers.push(server);
    return server;
  }

  it('continues on replica B a conversation started on A, and A’s analytics show the feedback given on B', async () => {
    const url = await cluster.createDatabase('replicas');
    const [a, b] = await Promise.all([replica(url), replica(url)]);
    expect(a.url).not.toBe(b.url);

    const first = await post(a.url, '/api/ask', { question: 'Hvem kan jeg kontakte om Læsehestene?' });
    expect(first.status).toBe(200);
    expect(first.body.cases[0].id).toBe('laesehestene');

    const followUp = await post(b.url, '/api/ask', { question: 'Hvad kostede det?', conversationId: first.body.conversationId });
    expect(followUp.status).toBe(200);
    expect(followUp.body.conversationId).toBe(first.body.conversationId);
    expect(followUp.body.notice).toBeNull();
    expect(followUp.body.plan.followUp).toBe(true);
    expect(followUp.body.cases.map((c) => c.id)).toEqual(['laesehestene']);

    const rated = await post(b.url, '/api/feedback', { answerId: followUp.body.answerId, rating: 'down', comment: 'Prisen står der ikke' });
    expect(rated.status).toBe(200);

    const res = await fetch(`${a.url}/api/admin/analytics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const analytics = (await res.json()) as Analytics;
    expect(analytics.totals).toMatchObject({ questions: 2, conversations: 1, followUps: 1, thumbsDown: 1 });
    expect(analytics.thumbsDown.map((d) => [d.answerId, d.question, d.comment])).toEqual([
      [followUp.body.answerId, 'Hvad kostede det?', 'Prisen står der ikke'],
    ]);
  });
});

describe('the database stopped mid-run', () => {
  let store: Store | undefined;
  afterAll(async () => {
    await store?.close();
  });

  it('keeps answering, counts the store errors in /metrics, and has the conversations back once the database is back', async () => {
    const metrics = createMetrics();
    store = await openStore(
      { dataDir: '', databaseUrl: await cluster.createDatabase('stopped'), retentionDays: 90, conversations: 'store' },
      { sweepEveryMs: 0, batch: { retryMs: 200 }, onFailure: (f) => metrics.recordStoreError(f.part) },
    );
    const app = await testApp([], 0, { store, metrics });
    const ask = async (question: string, conversationId?: string) => {
      const res = await app.request('/api/ask', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question, conversationId }),
      });
      return { status: res.status, body: (await res.json()) as AskBody };
    };
    const errors = async (part: string) =>
      Number(new RegExp(`casechat_store_errors_total\\{part="${part}"\\} (\\d+)`).exec(await (await app.request('/metrics')).text())![1]);

    const first = await ask('Hvem kan jeg kontakte om Læsehestene?');
    expect(first.status).toBe(200);

    await cluster.stop();
    const during = await ask('Hvad kostede det?', first.body.conversationId);
    expect(during.status).toBe(200);
    expect(during.body.notice).toBe('Samtalen fandtes ikke længere (ukendt eller udløbet), så der er startet en ny.');
    expect(during.body.conversationId).not.toBe(first.body.conversationId);
    const fresh = await ask('Hvordan hjælper man hjemløse unge?');
    expect(fresh.status).toBe(200);
    expect(fresh.body.cases.length).toBeGreaterThan(0);
    const feedback = await app.request('/api/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answerId: fresh.body.answerId, rating: 'up' }),
    });
    expect(feedback.status).toBe(503);
    // resolve and save of the follow-up, save of the new conversation
    expect(await errors('conversations')).toBe(3);
    expect(await errors('questions')).toBeGreaterThan(0);
    expect(await errors('feedback')).toBe(1);

    await cluster.start();
    const back = await ask('Hvad kostede det?', first.body.conversationId);
    expect(back.status).toBe(200);
    expect(back.body.notice).toBeNull();
    expect(back.body.conversationId).toBe(first.body.conversationId);
    expect(back.body.plan.followUp).toBe(true);
    expect(back.body.cases.map((c) => c.id)).toEqual(['laesehestene']);
    // the questions asked meanwhile waited in the question log and are written now
    await expect
      .poll(async () => (await store!.questions.between(Date.now() - 600_000, Date.now() + 1)).map((q) => q.answerId), { timeout: 10_000 })
      .toEqual([first.body.answerId, during.body.answerId, fresh.body.answerId, back.body.answerId]);
  });
});
