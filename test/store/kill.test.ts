/**
 * The SQLite store under SIGKILL: the real server (`src/main.ts` in a child process) is killed while
 * feedback is written at 20 connections; every rating it acknowledged must be there after a restart.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort, startServer, type ServerProcess } from '../../scripts/lib/server-process.js';
import { openStore } from '../../src/store/open.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const CONNECTIONS = 20;
/** How long feedback is written before the kill, ms. */
const LOAD_MS = 2000;

const dataDir = mkdtempSync(join(tmpdir(), 'casechat-kill-'));
const servers: ServerProcess[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

async function server(): Promise<ServerProcess> {
  const port = await freePort();
  const env = {
    ...process.env,
    ...inject('testEnv'),
    DATA_DIR: dataDir,
    INDEX_READ_ONLY: 'true',
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_TOKEN: randomBytes(16).toString('hex'),
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  };
  const s = await startServer(['--import', 'tsx', 'src/main.ts'], env, ROOT, port, 120_000);
  servers.push(s);
  return s;
}

const post = (base: string, path: string, body: unknown) =>
  fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('SIGKILL while feedback is written', () => {
  it('keeps every acknowledged rating, and the database opens cleanly', async () => {
    const first = await server();
    // two answers per connection: each connection rates only its own, one request after the other
    const answerIds: string[] = [];
    for (let i = 0; i < CONNECTIONS * 2; i++) {
      const res = await post(first.url, '/api/ask', { question: i % 2 ? 'Hvem kan jeg kontakte om Læsehestene?' : 'Hvordan hjælper man hjemløse unge?' });
      answerIds.push(((await res.json()) as { answerId: string }).answerId);
    }

    /** Per answer: the comment of the last acknowledged rating, and the one sent after it that got no answer. */
    const acked = new Map<string, string>();
    const unanswered = new Map<string, string>();
    let acknowledged = 0;
    let killed = false;
    const loops = Array.from({ length: CONNECTIONS }, async (_, c) => {
      for (let k = 0; !killed; k++) {
        const answerId = answerIds[2 * c + (k % 2)];
        const comment = `forbindelse ${c}, nr. ${k}`;
        try {
          const res = await post(first.url, '/api/feedback', { answerId, rating: k % 3 ? 'down' : 'up', comment });
          if (res.status !== 200) throw new Error(`feedback answered ${res.status}: ${await res.text()}`);
          acked.set(answerId, comment);
          unanswered.delete(answerId);
          acknowledged++;
        } catch (e) {
          if (!killed) throw e;
          unanswered.set(answerId, comment);
        }
      }
    });
    await new Promise((r) => setTimeout(r, LOAD_MS));
    killed = true;
    process.kill(first.pid, 'SIGKILL');
    await Promise.all(loops);
    await first.stop();
    expect(first.exitedWith()).toBe('SIGKILL');
    expect(acknowledged).toBeGreaterThan(CONNECTIONS * 5);

    const file = join(dataDir, 'casechat.db');
    const db = new Database(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    // the server starts again on the same file, and every acknowledged rating is there
    const again = await server();
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    const store = await openStore({ dataDir, databaseUrl: undefined, retentionDays: 90, conversations: 'store' }, { sweepEveryMs: 0 });
    const rows = await store.questions.between(0, Date.now() + 1);
    await store.close();
    const comments = new Map(rows.map((r) => [r.answerId, r.comment]));
    expect(rows).toHaveLength(CONNECTIONS * 2);
    for (const [answerId, comment] of acked) {
      // the rating in flight when the process died may or may not have landed; nothing older may show
      expect([comment, unanswered.get(answerId)]).toContain(comments.get(answerId));
    }
    expect(acked.size).toBe(CONNECTIONS * 2);
  });
});
