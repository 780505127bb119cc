import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { currentGeneration } from '../src/index/store.js';
import { registerAdmin } from '../src/server/admin.js';
import { createApp } from '../src/server/app.js';
import { LiveIndex, type LiveLogger } from '../src/server/live.js';
import { freePort } from '../scripts/lib/server-process.js';
import { published } from './small-corpus.js';

const ROOT = new URL('..', import.meta.url).pathname;
const TOKEN = 'test-admin-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const root = mkdtempSync(join(tmpdir(), 'casechat-startup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Status {
  state: string;
  trigger: string | null;
  error: string | null;
  generation: string;
}

describe('a re-index that would collapse the collection', () => {
  it('is refused, reported in /api/admin/status, and the old index stays served; acceptShrink publishes it', async () => {
    const env = await published(root);
    const quiet: LiveLogger = { info() {}, warn() {}, error() {} };
    const live = await LiveIndex.open(loadConfig(env), quiet);
    try {
      const app = createApp({ engine: live.engine, answerer: live.answerer, allowedOrigins: [], rateLimitPerMinute: 0 });
      registerAdmin(app, live, TOKEN);
      const reindex = (body: unknown) =>
        app.request('/api/admin/reindex', { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });
      const status = async () => ((await (await app.request('/api/admin/status', { headers: auth })).json()) as { status: Status }).status;
      const before = live.generation;
      rmSync(join(env.CORPUS_DIR, 'eksempler.txt'));

      expect((await reindex({})).status).toBe(202);
      await live.settled();
      const refused = await status();
      expect(refused).toMatchObject({ state: 'failed', trigger: 'admin', generation: before });
      expect(refused.error).toContain('INDEX_SHRINK_REFUSED');
      expect(refused.error).toContain('eksempler.txt loses all its 5 cases (removed from the corpus)');
      expect(live.engine.index.cases).toHaveLength(7);
      expect(await currentGeneration(env.INDEX_DIR)).toBe(before);

      expect((await reindex({ acceptShrink: true })).status).toBe(202);
      await live.settled();
      expect(await status()).toMatchObject({ state: 'succeeded', error: null });
      expect(live.generation).not.toBe(before);
      expect(live.engine.index.cases.map((c) => c.file)).toEqual(['borgerbudget.md', 'kyst.md']);
      expect((await reindex({ acceptShrink: 'yes' })).status).toBe(400);
    } finally {
      await live.close();
    }
  });
});

/** Starts `npm start` (src/main.ts) on a free port; resolves when /healthz answers or the process exits. */
async function startServer(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info', ADMIN_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (
    exitCode === undefined &&
    !(await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, child, exited, output: () => out };
}

describe('start-up when the ingest fails', () => {
  it('serves the published generation, logs the failure with its reason, and reports it in /healthz and /api/admin/status', async () => {
    const env = await published(root);
    const generation = await currentGeneration(env.INDEX_DIR);
    // the corpus lost a document with five cases: the start-up ingest refuses to publish
    rmSync(join(env.CORPUS_DIR, 'eksempler.txt'));
    const server = await startServer(env);
    try {
      const health = (await (await fetch(`${server.base}/healthz`)).json()) as {
        status: string;
        cases: number;
        generation: string;
        ingest: Status & { finishedAt: string };
      };
      expect(health).toMatchObject({ status: 'ok', cases: 7, generation, ingest: { state: 'failed', trigger: 'startup' } });
      expect(health.ingest.error).toContain('INDEX_SHRINK_REFUSED');
      const admin = (await (await fetch(`${server.base}/api/admin/status`, { headers: auth })).json()) as { status: Status };
      expect(admin.status).toMatchObject({ state: 'failed', trigger: 'startup', generation });
      expect(admin.status.error).toBe(health.ingest.error);
      const search = (await (await fetch(`${server.base}/api/search?q=${encodeURIComponent('cykel biblioteket')}`)).json()) as {
        results: Array<{ title: string }>;
      };
      expect(search.results[0].title).toBe('Cykelbiblioteket');
      const logged = server
        .output()
        .split('\n')
        .filter((l) => l.includes('"event":"index.ingest_failed"'));
      expect(logged).toHaveLength(1);
      expect(JSON.parse(logged[0])).toMatchObject({ level: 50, generation });
      expect(JSON.parse(logged[0]).error).toContain('eksempler.txt loses all its 5 cases');
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  it('exits with 1 and says why when there is no index at all', async () => {
    const dir = join(root, 'empty');
    const env = { CORPUS_DIR: join(dir, 'no-corpus'), INDEX_DIR: join(dir, 'index'), MODELS_DIR: join(dir, 'models') };
    const server = await startServer(env);
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain(
      `error INDEX_MISSING: startup: No index has been built: nothing to serve (index: No index has been built: no index in ${env.INDEX_DIR}; run npm run ingest), and the ingest at start-up failed (ingest: The ingest failed: the ingest exited with 1: error UNREADABLE_FILE: ingest/load: The file could not be read: corpus folder ${env.CORPUS_DIR}: ENOENT`,
    );
  });
});
