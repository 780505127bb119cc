import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { z } from 'zod';
import { parseArgs, runCli } from '../src/cli-args.js';
import { loadConfig, type Config } from '../src/config.js';
import { CasechatError } from '../src/errors.js';
import { openStore } from '../src/store/open.js';
import { readQuestions } from './lib/gold.js';
import { postgresBin, startPgCluster, type PgCluster } from './lib/pg-cluster.js';
import { freePort, onCleanup, readMemory, resetPeak, runNode, SERVE_NODE_FLAGS, sampleRss, startServer, type ServerProcess } from './lib/server-process.js';
import { describeScale, scaleCorpus } from './scale-corpus.js';

/**
 * `npm run bench:load`: a load test of the real server, as it is deployed, over loopback.
 *
 * For the real corpus, then the corpus scaled ×factor (scripts/scale-corpus.ts):
 * - the index is built into a temporary INDEX_DIR/MODELS_DIR by the ingest CLI in a child process
 *   (wall time, node and tsx start-up included); ./index and ./models are not touched;
 * - the server (`node --v8-pool-size=1 --import tsx src/main.ts`, the flags of `npm start`) is started as a child process on a free port of
 *   127.0.0.1 with the rate limit off and a random ADMIN_TOKEN, and stopped at the end;
 * - after one warm-up pass over the questions, GET /healthz, GET /api/search?q= and POST /api/ask are
 *   each loaded by autocannon (in this process) with 1, 10 and 50 connections for a fixed time, the
 *   dev questions' first turns in turn, one per request. Every response's latency is kept, so the
 *   percentiles are exact (nearest rank). Errors = connection errors + timeouts + non-2xx responses;
 * - the server's peak RSS: VmHWM of its process from /proc (reset before each test by writing 5 to
 *   /proc/<pid>/clear_refs) together with VmRSS of it and any child process sampled every 100 ms;
 * - then search and ask alternating with 10 connections while POST /api/admin/reindex {force: true}
 *   re-builds the index inside the running server: failed requests, latency over the whole run and
 *   around the moment the new index was swapped in, the re-index time, the served generation
 *   before and after, and the server's peak RSS meanwhile.
 * autocannon and the server share the machine's cores, so the latencies include that competition.
 */

const USAGE = `usage: npm run bench:load [-- --duration 10] [-- --connections 1,10,50] [-- --factor 20] [-- --skip-scaled] [-- --skip-reindex] [-- --skip-store | --store-only] [-- --questions ../shared/eval/dev.jsonl]
  --duration      seconds of each load test (default 10); the re-index run lasts at least this long
  --connections   concurrent connections, comma-separated (default 1,10,50)
  --factor        copies of the corpus in the scaled run (default 20)
  --skip-scaled   only the real corpus
  --skip-reindex  no load test during a re-index (needs POST /api/admin/reindex and GET /api/admin/status)
  --skip-store    no comparison of the stores (conversations in memory, SQLite, PostgreSQL)
  --store-only    only the comparison of the stores
  --questions     questions whose first turns are sent (default ../shared/eval/dev.jsonl)
PostgreSQL: the store comparison uses DATABASE_URL when it is set, else a throw-away cluster of
Debian's postgresql (skipped, and said so, when none can be started).`;

/** Options of one load bench, resolved from the command line. */
interface LoadBenchOptions {
  duration: number;
  connections: number[];
  factor: number;
  skipScaled: boolean;
  skipReindex: boolean;
  skipStore: boolean;
  storeOnly: boolean;
  questions: string;
}

/**
 * Defaults of `LoadBenchOptions`: 10 s per test; 1, 10 and 50 connections; the corpus ×20; the
 * scaled run and the re-index run on; the dev questions.
 */
const defaultOptions: LoadBenchOptions = {
  duration: 10,
  connections: [1, 10, 50],
  factor: 20,
  skipScaled: false,
  skipReindex: false,
  skipStore: false,
  storeOnly: false,
  questions: '../shared/eval/dev.jsonl',
};

/** What the server should meet. */
const TARGETS = {
  /** No failed request at this many connections, on any endpoint. */
  errorFreeAt: 50,
  /** Connections at which the latency targets apply. */
  latencyAt: 10,
  searchP95Ms: 20,
  askP95Ms: 50,
  peakRssMb: 500,
  /** /api/ask p50 with conversations and the question log in SQLite, at most this many times the p50 with conversations in memory. */
  storeAskRatio: 1.2,
  /** Connections writing feedback, without a failed request. */
  feedbackConnections: 50,
};

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Seconds autocannon waits for a response before it counts a timeout. */
const REQUEST_TIMEOUT_S = 10;
const SERVER_START_TIMEOUT_MS = 180_000;
const REINDEX_AFTER_MS = 1_000;
const STATUS_POLL_MS = 200;
/** Load continues this long after the re-index has finished. */
const AFTER_REINDEX_MS = 5_000;
/** Requests in flight within this many ms of `swappedAt` count as "around the swap". */
const SWAP_WINDOW_MS = 1_000;

type EndpointName = '/healthz' | '/api/search' | '/api/ask';
type RequestPart = Required<Pick<autocannon.Request, 'method' | 'path' | 'headers'>> & Pick<autocannon.Request, 'body'>;

/** How each endpoint is asked a question (headers are a new object each time: autocannon adds Content-Length to it). */
const ENDPOINTS: Record<EndpointName, (question: string) => RequestPart> = {
  '/healthz': () => ({ method: 'GET', path: '/healthz', headers: {} }),
  '/api/search': (q) => ({ method: 'GET', path: `/api/search?q=${encodeURIComponent(q)}`, headers: {} }),
  '/api/ask': (q) => ({ method: 'POST', path: '/api/ask', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: q }) }),
};

/** One response: when it completed (ms since the epoch), its latency (ms) and whether it was 2xx. */
interface Sample {
  end: number;
  ms: number;
  ok: boolean;
}

/** One load test: every response, and the requests that got none. */
interface Run {
  samples: Sample[];
  seconds: number;
  non2xx: number;
  /** Connection errors and timeouts (autocannon's `reqError`). */
  reqErrors: number;
  timeouts: number;
}

interface Stats {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
}

interface Row {
  endpoint: EndpointName;
  connections: number;
  stats: Stats;
  run: Run;
  peakKb: number;
}

const mb = (kb: number) => kb / 1024;
const ms1 = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : '-');
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const now = () => performance.timeOrigin + performance.now();

/** Nearest-rank percentile of sorted values. */
function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] : NaN;
}

function stats(samples: Sample[], seconds: number, errors: number): Stats {
  const l = samples.map((s) => s.ms).sort((a, b) => a - b);
  return { requests: samples.length, rps: samples.length / seconds, p50: pct(l, 0.5), p95: pct(l, 0.95), p99: pct(l, 0.99), max: l.at(-1) ?? NaN, errors };
}

const runStats = (r: Run) => stats(r.samples, r.seconds, r.non2xx + r.reqErrors);

/**
 * Loads `url` with `connections` connections for `duration` s (or until `stopWhen()` holds),
 * each request the next one `next()` makes.
 */
function drive(url: string, next: () => RequestPart, connections: number, duration: number, stopWhen?: () => boolean): Promise<Run> {
  return new Promise((ok, fail) => {
    const samples: Sample[] = [];
    let non2xx = 0;
    let reqErrors = 0;
    let watch: NodeJS.Timeout | undefined;
    const instance = autocannon(
      // one request whose setupRequest returns the next question: the mix rotates per request, across connections
      { url, connections, duration, timeout: REQUEST_TIMEOUT_S, requests: [{ setupRequest: (req) => ({ ...req, ...next() }) }] },
      (err, result) => {
        clearInterval(watch);
        if (err) fail(err);
        else ok({ samples, seconds: result.duration, non2xx, reqErrors, timeouts: result.timeouts });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      const ok2xx = status >= 200 && status < 300;
      if (!ok2xx) non2xx++;
      samples.push({ end: now(), ms, ok: ok2xx });
    });
    instance.on('reqError', () => reqErrors++);
    if (stopWhen) {
      watch = setInterval(() => {
        if (!stopWhen()) return;
        clearInterval(watch);
        instance.stop();
      }, 100);
    }
  });
}

/** The next request of a mix: the questions in turn, each sent to the endpoints in turn. */
function rotation(questions: string[], endpoints: EndpointName[]): () => RequestPart {
  let i = 0;
  return () => {
    const endpoint = endpoints[i % endpoints.length];
    const q = questions[Math.floor(i / endpoints.length) % questions.length];
    i++;
    return ENDPOINTS[endpoint](q);
  };
}

/**
 * Runs `fn` and returns the server's peak RSS meanwhile (kB): of the server process (VmHWM, reset
 * before when the kernel allows, else its largest VmRSS sampled every 100 ms) and of the server and
 * its children together (a re-index runs the ingest in a child process; summed VmRSS, sampled).
 * `peakKb` is the larger of the two.
 */
async function withPeak<T>(pid: number, fn: () => Promise<T>): Promise<{ value: T; peakKb: number; serverKb: number; treeKb: number; processes: number }> {
  const exact = resetPeak(pid);
  const sampler = sampleRss(pid);
  let tree: ReturnType<typeof sampler.stop>;
  let value: T;
  try {
    value = await fn();
  } finally {
    tree = sampler.stop();
  }
  const hwm = exact ? (readMemory(pid)?.hwmKb ?? 0) : 0;
  return { value, peakKb: Math.max(hwm, tree.treeKb), serverKb: Math.max(hwm, tree.serverKb), treeKb: tree.treeKb, processes: tree.processes };
}

async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; text: string }> {
  const r = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  const text = await r.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the text is shown in the error
  }
  return { status: r.status, body, text };
}

/** Sends every question once to search and ask, one at a time, so the load tests start warm. */
async function warmUp(url: string, questions: string[]): Promise<void> {
  const t0 = performance.now();
  const bad: string[] = [];
  for (const q of questions) {
    for (const endpoint of ['/api/search', '/api/ask'] as const) {
      const p = ENDPOINTS[endpoint](q);
      const r = await fetch(url + p.path, { method: p.method, headers: p.headers as Record<string, string>, body: p.body as string | undefined });
      const text = await r.text();
      if (!r.ok) bad.push(`${p.method} ${endpoint} → ${r.status} ${text.slice(0, 200)}`);
    }
  }
  console.log(`warm-up: ${questions.length} questions to /api/search and /api/ask one at a time, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (bad.length) console.log(`  warm-up: ${bad.length} non-2xx responses, e.g. ${bad[0]}`);
}

/** The kinds of failed requests of a run. */
const errorParts = (r: Run) => `${r.non2xx} non-2xx, ${r.reqErrors - r.timeouts} connection errors, ${r.timeouts} timeouts`;

function printTable(rows: Row[]) {
  const header = ['endpoint', 'conns', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'peak RSS MB'];
  const lines = rows.map((r) => [
    r.endpoint,
    String(r.connections),
    String(r.stats.requests),
    r.stats.rps.toFixed(1),
    ms1(r.stats.p50),
    ms1(r.stats.p95),
    ms1(r.stats.p99),
    ms1(r.stats.max),
    r.stats.errors ? `${r.stats.errors} (${errorParts(r.run)})` : '0',
    mb(r.peakKb).toFixed(0),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...lines].map((l) => l[i].length)));
  const fmt = (l: string[]) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(fmt(header));
  for (const l of lines) console.log(fmt(l));
}

/** One target: what was measured and whether it meets the target (null: not measured). */
interface Check {
  name: string;
  value: string;
  met: boolean | null;
}

function checks(rows: Row[], peakKb: number): Check[] {
  const at = (endpoint: EndpointName, c: number) => rows.find((r) => r.endpoint === endpoint && r.connections === c)?.stats;
  const e = rows.filter((r) => r.connections === TARGETS.errorFreeAt);
  const search = at('/api/search', TARGETS.latencyAt);
  const ask = at('/api/ask', TARGETS.latencyAt);
  return [
    {
      name: `zero errors at ${TARGETS.errorFreeAt} connections (all endpoints)`,
      value: e.length ? `${e.reduce((n, r) => n + r.stats.errors, 0)} errors` : `not measured (--connections has no ${TARGETS.errorFreeAt})`,
      met: e.length ? e.every((r) => r.stats.errors === 0) : null,
    },
    {
      name: `/api/search p95 < ${TARGETS.searchP95Ms} ms at ${TARGETS.latencyAt} connections`,
      value: search ? `${ms1(search.p95)} ms` : 'not measured',
      met: search ? search.p95 < TARGETS.searchP95Ms : null,
    },
    {
      name: `/api/ask p95 < ${TARGETS.askP95Ms} ms at ${TARGETS.latencyAt} connections`,
      value: ask ? `${ms1(ask.p95)} ms` : 'not measured',
      met: ask ? ask.p95 < TARGETS.askP95Ms : null,
    },
    { name: `server peak RSS < ${TARGETS.peakRssMb} MB`, value: `${mb(peakKb).toFixed(0)} MB`, met: mb(peakKb) < TARGETS.peakRssMb },
  ];
}

const verdict = (c: Check) => (c.met === null ? 'not measured' : c.met ? 'met' : 'NOT MET');

function printChecks(list: Check[]) {
  for (const c of list) console.log(`  ${c.name.padEnd(52)} ${c.value.padStart(12)}  ${verdict(c)}`);
}

/** The re-index status as the admin API reports it. */
const AdminStatusSchema = z.object({
  status: z.object({
    state: z.enum(['idle', 'running', 'succeeded', 'failed']),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    generation: z.union([z.number(), z.string()]).nullable().optional(),
    swappedAt: z.string().nullable().optional(),
    error: z.unknown().optional(),
  }),
  index: z.object({ generation: z.union([z.number(), z.string()]) }).optional(),
});
type AdminStatus = z.infer<typeof AdminStatusSchema>['status'];

/** Turns an admin API response into a clear error when it is not what the contract says. */
function adminError(what: string, r: { status: number; text: string }, expected: number): Error {
  const hint =
    r.status === 404
      ? ' — this server has no admin endpoints yet (POST /api/admin/reindex, GET /api/admin/status); run with --skip-reindex until they exist'
      : r.status === 401 || r.status === 403
        ? ' — the server did not accept ADMIN_TOKEN as "Authorization: Bearer <token>"'
        : '';
  return new Error(`${what} answered ${r.status}, expected ${expected}${hint}\n  body: ${r.text.slice(0, 500)}`);
}

async function adminStatus(url: string, token: string): Promise<z.infer<typeof AdminStatusSchema>> {
  const r = await getJson(`${url}/api/admin/status`, { authorization: `Bearer ${token}` });
  if (r.status !== 200) throw adminError('GET /api/admin/status', r, 200);
  const parsed = AdminStatusSchema.safeParse(r.body);
  if (!parsed.success)
    throw new Error(
      `GET /api/admin/status: unexpected body (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})\n  body: ${r.text.slice(0, 500)}`,
    );
  return parsed.data;
}

/**
 * The generation the server serves: /healthz's `generation` when it has one, else the admin
 * status's `index.generation` (the served index), else its `status.generation`.
 */
async function servedGeneration(url: string, token: string): Promise<{ value: string; from: string }> {
  const h = await getJson(`${url}/healthz`);
  const g = (h.body as { generation?: unknown } | null)?.generation;
  if (g !== undefined && g !== null) return { value: String(g), from: 'GET /healthz' };
  const s = await adminStatus(url, token);
  if (s.index) return { value: String(s.index.generation), from: 'GET /api/admin/status index.generation' };
  return { value: String(s.status.generation ?? 'null'), from: 'GET /api/admin/status status.generation' };
}

/**
 * Search and ask alternating with 10 connections; 1 s in, a forced re-index. The load lasts until
 * `duration` has passed and the re-index finished 5 s ago, or at most `capSeconds`.
 */
async function reindexRun(server: ServerProcess, token: string, questions: string[], duration: number, capSeconds: number): Promise<boolean> {
  const auth = { authorization: `Bearer ${token}` };
  const genBefore = await servedGeneration(server.url, token);
  console.log(
    `\nre-index under load: search and ask alternating, ${TARGETS.latencyAt} connections; POST /api/admin/reindex {"force":true} ${REINDEX_AFTER_MS / 1000} s in`,
  );

  const phase: { error?: Error; postAt?: number; finishedAt?: number; final?: AdminStatus } = {};
  const t0 = now();
  const control = (async () => {
    await sleep(REINDEX_AFTER_MS);
    phase.postAt = now();
    const r = await fetch(`${server.url}/api/admin/reindex`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ force: true }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await r.text();
    if (r.status !== 202) throw adminError('POST /api/admin/reindex', { status: r.status, text }, 202);
    const deadline = t0 + capSeconds * 1000;
    while (now() < deadline) {
      const { status: s } = await adminStatus(server.url, token);
      if (s.state === 'succeeded' || s.state === 'failed') {
        phase.final = s;
        return;
      }
      await sleep(STATUS_POLL_MS);
    }
    throw new Error(`the re-index did not finish within ${capSeconds} s (GET /api/admin/status never said succeeded or failed)`);
  })().then(
    () => void (phase.finishedAt = now()),
    (e: Error) => void (phase.error = e),
  );
  const stopWhen = () =>
    phase.error !== undefined || (phase.finishedAt !== undefined && now() - t0 >= duration * 1000 && now() - phase.finishedAt >= AFTER_REINDEX_MS);
  const measured = await withPeak(server.pid, () =>
    drive(server.url, rotation(questions, ['/api/search', '/api/ask']), TARGETS.latencyAt, capSeconds, stopWhen),
  );
  await control;
  assertAlive(server, 're-index under load');
  if (phase.error) throw phase.error;
  const run = measured.value;
  const final = phase.final!;
  const genAfter = await servedGeneration(server.url, token);

  const all = runStats(run);
  console.log(`  ${run.seconds.toFixed(1)} s, ${all.requests} responses, ${all.rps.toFixed(1)} req/s`);
  console.log(`  failed requests: ${all.errors} (${errorParts(run)}) — target 0: ${all.errors === 0 ? 'met' : 'NOT MET'}`);
  console.log(`  latency over the whole run: p50 ${ms1(all.p50)} ms, p95 ${ms1(all.p95)} ms, p99 ${ms1(all.p99)} ms, max ${ms1(all.max)} ms`);
  const swapAt = final.swappedAt ? Date.parse(final.swappedAt) : NaN;
  if (Number.isFinite(swapAt)) {
    // a request is "around the swap" when it was in flight at some moment within ±1 s of swappedAt
    const near = run.samples.filter((s) => s.end >= swapAt - SWAP_WINDOW_MS && s.end - s.ms <= swapAt + SWAP_WINDOW_MS);
    const n = stats(near, (2 * SWAP_WINDOW_MS) / 1000, near.filter((s) => !s.ok).length);
    console.log(
      `  around the swap (requests in flight within ±${SWAP_WINDOW_MS / 1000} s of swappedAt ${final.swappedAt}): ${n.requests} requests, p95 ${ms1(n.p95)} ms, max ${ms1(n.max)} ms, ${n.errors} non-2xx`,
    );
  } else {
    console.log(`  around the swap: no swappedAt in the final status (${final.swappedAt ?? 'null'})`);
  }
  const serverSeconds = final.startedAt && final.finishedAt ? (Date.parse(final.finishedAt) - Date.parse(final.startedAt)) / 1000 : NaN;
  const seenSeconds = (phase.finishedAt! - phase.postAt!) / 1000;
  console.log(
    `  re-index: ${final.state} in ${Number.isFinite(serverSeconds) ? `${serverSeconds.toFixed(1)} s (startedAt → finishedAt)` : '? s (no startedAt/finishedAt)'}, ` +
      `${seenSeconds.toFixed(1)} s from the POST until the status said so (polled every ${STATUS_POLL_MS} ms)${final.state === 'failed' ? `; error: ${JSON.stringify(final.error)}` : ''}`,
  );
  const changed = genBefore.value !== genAfter.value;
  console.log(`  served generation: ${genBefore.value} → ${genAfter.value} (from ${genAfter.from}) — ${changed ? 'changed' : 'NOT changed'}`);
  const rssOk = mb(measured.serverKb) < TARGETS.peakRssMb;
  console.log(
    `  server process peak RSS during the run: ${mb(measured.serverKb).toFixed(0)} MB (VmHWM) — target < ${TARGETS.peakRssMb} MB: ${rssOk ? 'met' : 'NOT MET'}`,
  );
  console.log(
    `  server and its child processes together (summed VmRSS sampled every 100 ms, up to ${measured.processes} processes): peak ${mb(measured.treeKb).toFixed(0)} MB` +
      (measured.processes > 1 ? ' — the re-index ran in a child process' : ''),
  );
  return all.errors === 0 && final.state === 'succeeded' && changed && rssOk;
}

/** Everything one corpus measured, for the final summary. */
interface CorpusResult {
  label: string;
  checks: Check[];
  /** The re-index run: skipped, every check met, some not met, or it could not be measured. */
  reindex: 'skipped' | 'met' | 'NOT MET' | 'FAILED';
}

/** Throws with the server's output when it is no longer running. */
function assertAlive(server: ServerProcess, during: string): void {
  const how = server.exitedWith();
  if (how !== undefined) throw new Error(`the server (pid ${server.pid}) ended (${how}) during the load test of ${during}\n${server.output()}`);
}

/** Ingest, serve, load and re-index one corpus. */
async function benchCorpus(label: string, base: Config, corpusDir: string, dir: string, options: LoadBenchOptions, questions: string[]): Promise<CorpusResult> {
  console.log(`\n## ${label} corpus (${corpusDir})\n`);
  // a pretrained model is only read, from its own folder; the corpus model is trained into the temporary one
  const dirs = {
    CORPUS_DIR: corpusDir,
    INDEX_DIR: join(dir, 'index'),
    MODELS_DIR: base.trainsModel ? join(dir, 'models') : base.modelsDir,
    DATA_DIR: join(dir, 'data'),
  };
  const env = { ...process.env, ...dirs };

  const ingest = await runNode(['--import', 'tsx', 'src/ingest/cli.ts'], env, ROOT, `ingest of ${corpusDir}`);
  const out = ingest.stdout.split('\n');
  console.log(`ingest (child process; wall time includes node + tsx start-up): ${ingest.seconds.toFixed(1)} s`);
  for (const l of out.filter((l) => /^document\s|^total\s|^generation \S+ (published|written)|^index written to/.test(l))) console.log(`  ${l}`);

  const token = randomBytes(16).toString('hex');
  const port = await freePort();
  const serverEnv = {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    RATE_LIMIT_PER_MINUTE: '0',
    ADMIN_TOKEN: token,
    LOG_LEVEL: 'warn',
  };
  const server = await startServer([...SERVE_NODE_FLAGS, '--import', 'tsx', 'src/main.ts'], serverEnv, ROOT, port, SERVER_START_TIMEOUT_MS);
  const unregister = onCleanup(server.stop);
  try {
    const health = (await getJson(`${server.url}/healthz`)).body as Record<string, unknown>;
    console.log(`server: pid ${server.pid} on ${server.url}, /healthz 200 after ${server.startSeconds.toFixed(1)} s — ${JSON.stringify(health)}`);
    const startKb = readMemory(server.pid)?.hwmKb ?? NaN;
    console.log(`server RSS after start-up: peak ${mb(startKb).toFixed(0)} MB (VmHWM)`);
    const warm = await withPeak(server.pid, () => warmUp(server.url, questions));
    console.log(`server peak RSS during the warm-up: ${mb(warm.peakKb).toFixed(0)} MB`);

    const rows: Row[] = [];
    for (const endpoint of Object.keys(ENDPOINTS) as EndpointName[]) {
      for (const connections of options.connections) {
        const m = await withPeak(server.pid, () => drive(server.url, rotation(questions, [endpoint]), connections, options.duration));
        assertAlive(server, `${endpoint} with ${connections} connections`);
        const row: Row = { endpoint, connections, run: m.value, stats: runStats(m.value), peakKb: m.peakKb };
        rows.push(row);
        console.log(
          `  ${endpoint.padEnd(12)} ×${String(connections).padEnd(3)} ${row.stats.rps.toFixed(0).padStart(6)} req/s  p95 ${ms1(row.stats.p95)} ms  errors ${row.stats.errors}`,
        );
      }
    }
    const peakKb = Math.max(startKb, warm.peakKb, ...rows.map((r) => r.peakKb));

    console.log(
      `\n${label} corpus, ${options.duration} s per test, ${questions.length} first-turn questions in turn; latency per request, nearest-rank percentiles; ` +
        `peak RSS of the server during each test (start-up ${mb(startKb).toFixed(0)} MB, warm-up ${mb(warm.peakKb).toFixed(0)} MB):\n`,
    );
    printTable(rows);
    const p50 = (endpoint: EndpointName, c: number) => rows.find((r) => r.endpoint === endpoint && r.connections === c)?.stats.p50 ?? NaN;
    console.log(
      `\n/api/ask p50 ÷ /healthz p50: ${options.connections.map((c) => `${c} conn ×${(p50('/api/ask', c) / p50('/healthz', c)).toFixed(1)}`).join(', ')}`,
    );
    console.log(`server peak RSS (start-up, warm-up and all tests): ${mb(peakKb).toFixed(0)} MB`);
    const list = checks(rows, peakKb);
    console.log(`\ntargets (${label} corpus):`);
    printChecks(list);

    let reindex: CorpusResult['reindex'] = 'skipped';
    if (!options.skipReindex) {
      // generous: a re-index of this corpus should take about as long as the ingest did
      const cap = Math.max(options.duration, 120, Math.ceil(ingest.seconds * 20)) + AFTER_REINDEX_MS / 1000 + 10;
      try {
        reindex = (await reindexRun(server, token, questions, options.duration, cap)) ? 'met' : 'NOT MET';
      } catch (e) {
        reindex = 'FAILED';
        console.log(`\nre-index run FAILED: ${e instanceof Error ? e.message : String(e)}`);
        console.log(server.output());
      }
    }
    return { label, checks: list, reindex };
  } finally {
    await server.stop();
    unregister();
  }
}

/** A server with one kind of store, for the comparison. */
interface StoreVariant {
  label: string;
  env: Record<string, string>;
}

/** Per store: /api/ask at 10 connections (all rounds together) and feedback at 50 connections. */
interface StoreRow {
  label: string;
  ask: Stats;
  askRun: Run;
  feedback: Stats;
  feedbackRun: Run;
  peakKb: number;
}

/**
 * Rounds of /api/ask per store, each half a test's duration, the stores in turn and the order
 * turned by one each round: a busy moment of a shared machine then falls on every store alike.
 */
const STORE_ROUNDS = 4;

/** The environment of `env` without the store settings a variant sets itself. */
function withoutStoreSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const k of ['DATABASE_URL', 'DATA_DIR', 'CONVERSATIONS']) delete out[k];
  return out;
}

/** Each dev question once to /api/ask; the conversations and answers it made, for the mixes. */
async function askEach(url: string, questions: string[]): Promise<{ conversationIds: string[]; answerIds: string[] }> {
  const conversationIds: string[] = [];
  const answerIds: string[] = [];
  for (const q of questions) {
    const r = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: q }) });
    if (!r.ok) throw new Error(`POST /api/ask during the warm-up answered ${r.status}: ${(await r.text()).slice(0, 200)}`);
    const body = (await r.json()) as { conversationId: string; answerId: string };
    conversationIds.push(body.conversationId);
    answerIds.push(body.answerId);
  }
  return { conversationIds, answerIds };
}

/** /api/ask with the questions in turn; every other request continues a conversation, so the store is read as well as written. */
function askMix(questions: string[], conversationIds: string[]): () => RequestPart {
  let i = 0;
  return () => {
    const question = questions[i % questions.length];
    const conversationId = i % 2 ? conversationIds[i % conversationIds.length] : undefined;
    i++;
    return { method: 'POST', path: '/api/ask', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question, conversationId }) };
  };
}

/** POST /api/feedback over the answers in turn, up and down alternating, every third with a comment. */
function feedbackMix(answerIds: string[]): () => RequestPart {
  let i = 0;
  return () => {
    const answerId = answerIds[i % answerIds.length];
    const body = { answerId, rating: i % 2 ? 'down' : 'up', comment: i % 3 ? undefined : `bench ${i}` };
    i++;
    return { method: 'POST', path: '/api/feedback', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  };
}

/** Conversations timed in this process, one call after the other: saves and resolves of a 20-turn state. */
const STORE_OPERATIONS = 2000;

/**
 * What one conversation read and write cost in the store itself, without HTTP and without the
 * answer around them (the load tests above share a busy machine): `STORE_OPERATIONS` saves of a
 * 20-turn state (as the answerer writes it) and as many resolves, over 200 conversations.
 */
async function storeOperations(variants: StoreVariant[]): Promise<void> {
  console.log(
    `\nstore operations in this process, ${STORE_OPERATIONS} each, a 20-turn conversation state (${JSON.stringify(TWENTY_TURNS).length} bytes of JSON):`,
  );
  for (const v of variants) {
    const store = await openStore(
      { dataDir: v.env.DATA_DIR ?? '', databaseUrl: v.env.DATABASE_URL, retentionDays: 90, conversations: 'store' },
      { sweepEveryMs: 0, onFailure: (f) => console.log(`  ${v.label}: ${f.part} ${f.op} failed: ${f.error}`) },
    );
    try {
      const ids = await Promise.all(Array.from({ length: 200 }, async () => (await store.conversations.resolve(undefined)).id));
      const time = async (op: (id: string) => Promise<unknown>) => {
        const ms: number[] = [];
        for (let i = 0; i < STORE_OPERATIONS; i++) {
          const t = performance.now();
          await op(ids[i % ids.length]);
          ms.push(performance.now() - t);
        }
        return ms.sort((x, y) => x - y);
      };
      const save = await time((id) => store.conversations.save(id, TWENTY_TURNS));
      const resolve = await time((id) => store.conversations.resolve(id));
      const f = (l: number[]) => `p50 ${pct(l, 0.5).toFixed(3)} ms, p99 ${pct(l, 0.99).toFixed(2)} ms`;
      console.log(`  ${v.label.padEnd(8)} save ${f(save)}; resolve ${f(resolve)}`);
    } finally {
      await store.close();
    }
  }
}

/** A conversation state as the answerer saves it after 20 turns. */
const TWENTY_TURNS = {
  turns: Array.from({ length: 20 }, (_, i) => ({
    question: `Hvem kan jeg kontakte om Læsehestene? (${i})`,
    searched: 'Hvem kan jeg kontakte om Læsehestene?',
    intent: 'contact',
    caseIds: ['laesehestene', 'hjem-til-alle'],
  })),
};

/**
 * The stores compared on the real corpus, as deployed (each server in a child process with its own
 * store): conversations in memory (the question log in SQLite), SQLite, and PostgreSQL (DATABASE_URL,
 * else a throw-away cluster). /api/ask at 10 connections in `STORE_ROUNDS` rounds taken in turn, then
 * feedback at 50 connections; each answer a request carries a conversationId half the time.
 */
async function benchStores(base: Config, dir: string, options: LoadBenchOptions, questions: string[]): Promise<Check[]> {
  console.log(`\n## the store: conversations in memory, in SQLite and in PostgreSQL (real corpus)\n`);
  const dirs = { CORPUS_DIR: base.corpusDir, INDEX_DIR: join(dir, 'index'), MODELS_DIR: base.trainsModel ? join(dir, 'models') : base.modelsDir };
  const env = { ...withoutStoreSettings(process.env), ...dirs };
  const ingest = await runNode(['--import', 'tsx', 'src/ingest/cli.ts'], env, ROOT, `ingest of ${base.corpusDir}`);
  console.log(`ingest: ${ingest.seconds.toFixed(1)} s`);

  const variants: StoreVariant[] = [
    { label: 'memory', env: { CONVERSATIONS: 'memory', DATA_DIR: join(dir, 'data-memory') } },
    { label: 'sqlite', env: { DATA_DIR: join(dir, 'data-sqlite') } },
  ];
  let cluster: PgCluster | null = null;
  let unregisterCluster: () => void = () => undefined;
  if (process.env.DATABASE_URL) {
    variants.push({ label: 'postgres', env: { DATABASE_URL: process.env.DATABASE_URL } });
    console.log('PostgreSQL: DATABASE_URL');
  } else {
    try {
      cluster = await startPgCluster();
      unregisterCluster = onCleanup(() => cluster?.destroy());
      variants.push({ label: 'postgres', env: { DATABASE_URL: await cluster.createDatabase('bench') } });
      console.log(`PostgreSQL: a throw-away cluster of ${postgresBin()} on port ${cluster.port}`);
    } catch (e) {
      console.log(
        `PostgreSQL: not measured — no DATABASE_URL, and no throw-away cluster could be started: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      );
    }
  }

  const servers: Array<{ variant: StoreVariant; server: ServerProcess; unregister: () => void; ids: { conversationIds: string[]; answerIds: string[] } }> = [];
  try {
    for (const variant of variants) {
      const port = await freePort();
      const serverEnv = {
        ...env,
        ...variant.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        RATE_LIMIT_PER_MINUTE: '0',
        LOG_LEVEL: 'warn',
        INDEX_READ_ONLY: 'true',
      };
      const server = await startServer([...SERVE_NODE_FLAGS, '--import', 'tsx', 'src/main.ts'], serverEnv, ROOT, port, SERVER_START_TIMEOUT_MS);
      const unregister = onCleanup(server.stop);
      const ids = await askEach(server.url, questions);
      servers.push({ variant, server, unregister, ids });
      console.log(
        `${variant.label.padEnd(8)} server pid ${server.pid} on ${server.url}, started in ${server.startSeconds.toFixed(1)} s; ${questions.length} questions asked once`,
      );
    }

    const asks = new Map<string, { runs: Run[]; peakKb: number }>(servers.map((s) => [s.variant.label, { runs: [], peakKb: 0 }]));
    const roundSeconds = Math.max(1, Math.round(options.duration / 2));
    console.log(
      `load average (1, 5, 15 min) before: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(', ')} on ${cpus().length} cores`,
    );
    for (let round = 1; round <= STORE_ROUNDS; round++) {
      const turn = (round - 1) % servers.length;
      for (const { variant, server, ids } of [...servers.slice(turn), ...servers.slice(0, turn)]) {
        const m = await withPeak(server.pid, () => drive(server.url, askMix(questions, ids.conversationIds), TARGETS.latencyAt, roundSeconds));
        assertAlive(server, `/api/ask (${variant.label}, round ${round})`);
        const a = asks.get(variant.label)!;
        a.runs.push(m.value);
        a.peakKb = Math.max(a.peakKb, m.peakKb);
        const st = runStats(m.value);
        console.log(
          `  round ${round} ${variant.label.padEnd(8)} /api/ask ×${TARGETS.latencyAt}: ${st.rps.toFixed(0)} req/s, p50 ${ms1(st.p50)} ms, p95 ${ms1(st.p95)} ms, errors ${st.errors}`,
        );
      }
    }
    const rows: StoreRow[] = [];
    for (const { variant, server, ids } of servers) {
      const m = await withPeak(server.pid, () => drive(server.url, feedbackMix(ids.answerIds), TARGETS.feedbackConnections, options.duration));
      assertAlive(server, `/api/feedback (${variant.label})`);
      const a = asks.get(variant.label)!;
      const askRun: Run = {
        samples: a.runs.flatMap((r) => r.samples),
        seconds: a.runs.reduce((n, r) => n + r.seconds, 0),
        non2xx: a.runs.reduce((n, r) => n + r.non2xx, 0),
        reqErrors: a.runs.reduce((n, r) => n + r.reqErrors, 0),
        timeouts: a.runs.reduce((n, r) => n + r.timeouts, 0),
      };
      rows.push({
        label: variant.label,
        ask: runStats(askRun),
        askRun,
        feedback: runStats(m.value),
        feedbackRun: m.value,
        peakKb: Math.max(a.peakKb, m.peakKb),
      });
      const f = runStats(m.value);
      console.log(
        `  ${variant.label.padEnd(8)} /api/feedback ×${TARGETS.feedbackConnections}: ${f.rps.toFixed(0)} req/s, p50 ${ms1(f.p50)} ms, p95 ${ms1(f.p95)} ms, errors ${f.errors}`,
      );
    }

    console.log(
      `load average (1, 5, 15 min) after: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(', ')}`,
    );
    console.log(
      `\nstores: /api/ask over ${STORE_ROUNDS} rounds of ${roundSeconds} s per store (the stores in turn, the order turned each round), ` +
        `half the requests continuing a conversation; feedback ${options.duration} s:\n`,
    );
    const header = ['store', 'ask req/s', 'ask p50', 'ask p95', 'ask errors', 'feedback req/s', 'fb p50', 'fb p95', 'fb errors', 'peak RSS MB'];
    const lines = rows.map((r) => [
      r.label,
      r.ask.rps.toFixed(1),
      ms1(r.ask.p50),
      ms1(r.ask.p95),
      r.ask.errors ? `${r.ask.errors} (${errorParts(r.askRun)})` : '0',
      r.feedback.rps.toFixed(1),
      ms1(r.feedback.p50),
      ms1(r.feedback.p95),
      r.feedback.errors ? `${r.feedback.errors} (${errorParts(r.feedbackRun)})` : '0',
      mb(r.peakKb).toFixed(0),
    ]);
    const widths = header.map((_, i) => Math.max(...[header, ...lines].map((l) => l[i].length)));
    for (const l of [header, ...lines]) console.log(l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));

    const memory = rows.find((r) => r.label === 'memory')!;
    const list: Check[] = [];
    const roundP50 = (label: string) => asks.get(label)!.runs.map((r) => runStats(r).p50);
    for (const r of rows.filter((x) => x !== memory)) {
      const ratio = r.ask.p50 / memory.ask.p50;
      const perRound = roundP50(r.label).map((p, i) => p / roundP50('memory')[i]);
      console.log(`/api/ask p50 ${r.label} ÷ memory: ×${ratio.toFixed(2)} over all rounds; per round ${perRound.map((x) => `×${x.toFixed(2)}`).join(', ')}`);
      list.push({
        name: `/api/ask p50 ${r.label} ÷ memory ≤ ${TARGETS.storeAskRatio} (${TARGETS.latencyAt} conns)`,
        value: `×${ratio.toFixed(2)}`,
        met: ratio <= TARGETS.storeAskRatio,
      });
    }
    for (const r of rows) {
      list.push({
        name: `/api/feedback ${r.label}: 0 errors at ${TARGETS.feedbackConnections} conns`,
        value: `${r.feedback.errors} errors`,
        met: r.feedback.errors === 0,
      });
    }
    if (!rows.some((r) => r.label === 'postgres')) list.push({ name: 'PostgreSQL', value: 'no cluster', met: null });
    console.log(`\ntargets (stores):`);
    printChecks(list);
    await storeOperations(variants.filter((v) => v.label !== 'memory'));
    return list;
  } finally {
    for (const s of servers) {
      await s.server.stop();
      s.unregister();
    }
    await cluster?.destroy();
    unregisterCluster();
  }
}

async function main(): Promise<number> {
  const args = parseArgs(
    process.argv.slice(2),
    {
      duration: z.coerce.number().int().min(1).max(600).default(defaultOptions.duration),
      connections: z
        .string()
        .transform((s) => s.split(',').map((x) => Number(x.trim())))
        .pipe(
          z.array(z.number({ error: 'connections must be comma-separated whole numbers' }).int('connections must be whole numbers').min(1).max(1000)).min(1),
        )
        .default(defaultOptions.connections),
      factor: z.coerce.number().int().min(2).max(100).default(defaultOptions.factor),
      'skip-scaled': z.boolean().default(defaultOptions.skipScaled),
      'skip-reindex': z.boolean().default(defaultOptions.skipReindex),
      'skip-store': z.boolean().default(defaultOptions.skipStore),
      'store-only': z.boolean().default(defaultOptions.storeOnly),
      questions: z.string().min(1).default(defaultOptions.questions),
      help: z.boolean().default(false),
    },
    'bench:load',
  );
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const options: LoadBenchOptions = {
    ...args,
    skipScaled: args['skip-scaled'],
    skipReindex: args['skip-reindex'],
    skipStore: args['skip-store'],
    storeOnly: args['store-only'],
  };
  if (options.skipStore && options.storeOnly) throw new CasechatError('INVALID_ARGUMENT', 'bench:load', '--skip-store and --store-only exclude each other');
  const base = loadConfig();
  const questionsPath = resolve(options.questions);
  if (!existsSync(questionsPath)) throw new CasechatError('INVALID_ARGUMENT', 'bench:load', `--questions ${questionsPath} does not exist`);
  const questions = readQuestions(questionsPath).map((q) => q.turns[0].q);

  const root = mkdtempSync(join(tmpdir(), 'casechat-bench-load-'));
  const unregister = onCleanup(() => rmSync(root, { recursive: true, force: true }));
  const started = performance.now();
  console.log(`# casechat load bench — node ${process.version}, ${questions.length} questions from ${questionsPath}, temporary folders in ${root}`);
  console.log(
    `# autocannon runs in this process and the server in a child process on the same machine (${cpus().length} cores): ` +
      `they compete for CPU, so latencies and req/s are lower bounds of what the server alone would do.`,
  );
  try {
    if (options.storeOnly) {
      const store = await benchStores(base, join(root, 'stores'), options, questions);
      console.log(`\n## Summary\n\nstores:`);
      printChecks(store);
      return 0;
    }
    const results = [await benchCorpus('real', base, base.corpusDir, join(root, 'real'), options, questions)];
    const store = options.skipStore ? null : await benchStores(base, join(root, 'stores'), options, questions);
    if (!options.skipScaled) {
      const out = join(root, `corpus-x${options.factor}`);
      console.log(`\n## scaling the corpus ×${options.factor}\n`);
      const report = await scaleCorpus({ corpusDir: base.corpusDir, outDir: out, factor: options.factor });
      for (const line of describeScale(report, out)) console.log(line);
      results.push(await benchCorpus(`×${options.factor}`, base, out, join(root, 'scaled'), options, questions));
    }
    console.log(`\n## Summary\n`);
    for (const r of results) {
      console.log(`${r.label} corpus:`);
      printChecks(r.checks);
      console.log(`  ${'re-index under load (0 failed, succeeded, new generation, RSS)'.padEnd(52)} ${''.padStart(12)}  ${r.reindex}`);
    }
    if (store) {
      console.log('stores:');
      printChecks(store);
    }
    console.log(`\nload bench finished in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    // a target not met is a result; a run that could not be measured is a failure
    return results.some((r) => r.reindex === 'FAILED') ? 1 : 0;
  } finally {
    rmSync(root, { recursive: true, force: true });
    unregister();
  }
}

runCli(main, USAGE);
