import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import { buildIndex } from '../src/ingest/build.js';
import { currentGeneration, loadIndex, readManifest } from '../src/index/store.js';
import { silentLogger } from '../src/log.js';
import { prepareIndex, type LiveLogger } from '../src/server/live.js';

const ROOT = new URL('..', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'casechat-crash-'));
const env = { CORPUS_DIR: join(root, 'corpus'), INDEX_DIR: join(root, 'index'), MODELS_DIR: join(root, 'models'), DATA_DIR: join(root, 'data') };
let config: Config;

beforeAll(async () => {
  cpSync(join(ROOT, 'corpus'), env.CORPUS_DIR, { recursive: true });
  config = loadConfig(env);
  await buildIndex(config, silentLogger);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The files of the staging folder of process `pid` under the index root, or null when there is none. */
function staged(pid: number): string[] | null {
  const dir = readdirSync(env.INDEX_DIR).find((n) => n.startsWith('.building-') && n.split('-').at(-2) === String(pid));
  if (!dir) return null;
  try {
    return readdirSync(join(env.INDEX_DIR, dir));
  } catch {
    return null;
  }
}

/** Runs `npm run ingest -- --force` and SIGKILLs it once `when` holds for the staging folder. */
async function killIngestWhen(when: (files: string[]) => boolean): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/ingest/cli.ts', '--force'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let seen: string[] | null = null;
  let running = true;
  void exited.then(() => (running = false));
  while (running) {
    seen = staged(child.pid!);
    if (seen && when(seen)) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  child.kill('SIGKILL');
  // the moment was reached (not a finished run)
  expect(await exited).toBe('SIGKILL');
  expect(seen && when(seen)).toBe(true);
  return seen ?? [];
}

describe('crash safety', () => {
  // the moments of a build: staging folder made, model written, index files being written, vectors written
  const moments: Array<[string, (files: string[]) => boolean]> = [
    ['as the staging folder appears', () => true],
    ['once the trained model is written', (f) => f.includes('model')],
    ['while the index files are written', (f) => f.includes('cases.json')],
    ['once the vectors are written', (f) => f.includes('vectors.hnsw')],
  ];

  it.each(moments)('an ingest killed with SIGKILL %s leaves the previous index published and loadable', async (_label, when) => {
    const before = await currentGeneration(env.INDEX_DIR);
    const manifest = (await readManifest(env.INDEX_DIR))!;
    await killIngestWhen(when);
    expect(await currentGeneration(env.INDEX_DIR)).toBe(before);
    const index = await loadIndex(env.INDEX_DIR, { id: manifest.model.id, dim: manifest.model.dim });
    expect(index.generation).toBe(before);
    expect(index.cases.length).toBe(70);
    expect(index.vectors.size).toBe(index.chunks.length);
  });

  it('the next ingest takes over the killed one’s lock and removes its leftovers', async () => {
    const report = await buildIndex(config, silentLogger, { force: true });
    expect(report.status).toBe('built');
    const names = readdirSync(env.INDEX_DIR);
    expect(names.filter((n) => n.startsWith('.building-') || n === '.ingest.lock')).toEqual([]);
    expect(await currentGeneration(env.INDEX_DIR)).toBe(report.generation);
  });
});

describe('start-up with a damaged index', () => {
  const logged: Array<{ level: string; obj: Record<string, unknown> }> = [];
  const log: LiveLogger = {
    info: (obj) => logged.push({ level: 'info', obj: obj as Record<string, unknown> }),
    warn: (obj) => logged.push({ level: 'warn', obj: obj as Record<string, unknown> }),
    error: (obj) => logged.push({ level: 'error', obj: obj as Record<string, unknown> }),
  };

  it('detects a truncated file of the published generation, says so and rebuilds', async () => {
    const before = (await currentGeneration(env.INDEX_DIR))!;
    truncateSync(join(env.INDEX_DIR, before, 'chunks.json'), 100);
    logged.length = 0;
    const live = await prepareIndex(config, log);
    const rebuild = logged.find((l) => l.obj.event === 'index.rebuild');
    expect(rebuild?.level).toBe('warn');
    expect(rebuild?.obj.code).toBe('INDEX_CORRUPT');
    expect(String(rebuild?.obj.error)).toContain(before);
    expect(live.generation).not.toBe(before);
    expect(live.engine.index.cases.length).toBe(70);
    await live.close();
  });

  it('detects a CURRENT that names a missing generation, and rebuilds', async () => {
    writeFileSync(join(env.INDEX_DIR, 'CURRENT'), 'g-20000101T000000Z-gone\n');
    logged.length = 0;
    const live = await prepareIndex(config, log);
    expect(logged.some((l) => l.obj.event === 'index.ready' && l.obj.status === 'built')).toBe(true);
    expect(existsSync(join(env.INDEX_DIR, live.generation, 'manifest.json'))).toBe(true);
    expect(await currentGeneration(env.INDEX_DIR)).toBe(live.generation);
    await live.close();
  });

  it('rebuilds an index whose manifest names another model', async () => {
    const name = (await currentGeneration(env.INDEX_DIR))!;
    const path = join(env.INDEX_DIR, name, 'manifest.json');
    const manifest = JSON.parse(await import('node:fs/promises').then((f) => f.readFile(path, 'utf8')));
    writeFileSync(path, JSON.stringify({ ...manifest, model: { ...manifest.model, id: 'another-model' } }));
    logged.length = 0;
    const live = await prepareIndex(config, log);
    // the start-up ingest sees the model differs and builds anew
    expect(logged.some((l) => l.obj.event === 'index.ready' && l.obj.status === 'built')).toBe(true);
    expect(live.generation).not.toBe(name);
    expect(live.engine.index.manifest.model.id).toBe(manifest.model.id);
    await live.close();
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe('graceful shutdown', () => {
  it('on SIGTERM stops accepting, finishes the answer being streamed, and exits 0', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (
      !(await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const res = await fetch(`${base}/api/ask/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Hvordan hjælper man hjemløse unge?' }),
    });
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    child.kill('SIGTERM');
    let text = new TextDecoder().decode(first.value);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('event: done');
    expect(await exited).toBe(0);
    expect(out).toContain('"event":"shutdown"');
    expect(out).toContain('"event":"stopped"');
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
