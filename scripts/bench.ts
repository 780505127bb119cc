import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { z } from 'zod';
import { createAnswerer } from '../src/answer/ask.js';
import { parseArgs, runCli } from '../src/cli-args.js';
import { loadConfig, type Config } from '../src/config.js';
import { openEngine } from '../src/engine.js';
import { CasechatError } from '../src/errors.js';
import { buildIndex } from '../src/ingest/build.js';
import { currentGeneration, GENERATION_MODEL, readManifest } from '../src/index/store.js';
import { silentLogger } from '../src/log.js';
import { search } from '../src/search/hybrid.js';
import { createApp } from '../src/server/app.js';
import { readQuestions, type Question } from './lib/gold.js';
import { describeScale, scaleCorpus } from './scale-corpus.js';

/**
 * `npm run bench [-- --factor 50] [-- --skip-scaled]`: for the real corpus, then for the corpus scaled
 * ×factor (written by scale-corpus into a temporary folder): ingest time and peak memory, index and
 * model sizes on disk, in-process latency of search() and answerer.ask() over every question of the
 * dev set, and a load test of the HTTP API on 127.0.0.1; then the ingest alone of the scaled corpus
 * as one file. Each ingest's time and peak RSS are checked against the targets (INGEST_TARGETS).
 * Everything is built in a temporary INDEX_DIR/MODELS_DIR that is removed at the end; ./index and
 * ./models are not touched.
 */

const USAGE = `usage: npm run bench [-- --factor 50] [-- --skip-scaled] [-- --skip-single-file] [-- --runs 3] [-- --duration 5] [-- --questions ../shared/eval/dev.jsonl]
  --factor            copies of the corpus in the scaled runs (default 50, about 21 MB of text)
  --skip-scaled       only the real corpus
  --skip-single-file  not the scaled corpus as one file (its ingest alone)
  --runs         timed passes over the questions after one warm-up pass (default 3)
  --duration     seconds of each HTTP load test (default 5; 10 connections, 127.0.0.1 only)
  --questions    the questions whose turns are timed (default ../shared/eval/dev.jsonl)`;

/** What one corpus measured (the query figures are null when only its ingest was measured). */
interface Row {
  label: string;
  cases: number;
  chunks: number;
  ingestSeconds: number;
  /** CPU seconds (user + system) of the ingest process, NaN when not measured in a child. */
  ingestCpuSeconds: number;
  indexBytes: number;
  modelBytes: number;
  ingestRssKb: number;
  /** RSS the bench process grew by when it opened the engine (model + index + search structures). */
  openRssKb: number;
  /** RSS of the bench process after the queries and load tests (earlier corpora may not be collected yet). */
  serveRssKb: number;
  search: Timing | null;
  ask: Timing | null;
  httpSearch: Load | null;
  httpAsk: Load | null;
}

/**
 * Ingest targets: the corpus in ≤ 10 s; the corpus ×50 (about 21 MB of text, as many files or as
 * one) in ≤ 5 minutes with a peak RSS ≤ 1.5 GB, on a 2-core machine.
 */
const INGEST_TARGETS = { real: { seconds: 10, rssMb: Infinity }, scaled: { seconds: 300, rssMb: 1536 } };

interface Timing {
  latencies: number[];
  /** Wall time of the timed passes, seconds. */
  seconds: number;
}

interface Load {
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

const TIME = '/usr/bin/time';
/** API requests per client and minute allowed during the load test (the product's default is 120). */
const LOAD_TEST_RATE_LIMIT = 1_000_000;
const fmtMs = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const mb = (bytes: number) => bytes / 1024 / 1024;
const fmtSize = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${mb(bytes).toFixed(2)} MB`);

/** Nearest-rank percentile of latencies (ms). */
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)] ?? 0;
}

/** Every file under `dir` with its size, sorted by path. */
function filesIn(dir: string): Array<{ path: string; bytes: number }> {
  const out: Array<{ path: string; bytes: number }> = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push({ path: p, bytes: statSync(p).size });
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * Runs the ingest of `config` and returns its wall time and peak RSS. In a child process under
 * `/usr/bin/time -v` when that exists (the peak is then the ingest's alone), else in this process
 * (the peak then includes the bench itself).
 */
async function ingest(config: Config): Promise<{ seconds: number; cpuSeconds: number; rssKb: number; how: string }> {
  if (!existsSync(TIME)) {
    const t0 = performance.now();
    await buildIndex(config, silentLogger, { force: true });
    return {
      seconds: (performance.now() - t0) / 1000,
      cpuSeconds: NaN,
      rssKb: process.resourceUsage().maxRSS,
      how: `in this process (no ${TIME}): process.resourceUsage().maxRSS of the bench process so far`,
    };
  }
  // the child reads its folders from the environment like any casechat command
  const env = { ...process.env, CORPUS_DIR: config.corpusDir, INDEX_DIR: config.indexDir, MODELS_DIR: config.modelsDir, EMBED_MODEL: config.embedModel };
  const t0 = performance.now();
  const r = spawnSync(TIME, ['-v', process.execPath, '--import', 'tsx', 'src/ingest/cli.ts', '--force'], {
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`ingest of ${config.corpusDir} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const own = / in ([\d.]+) s \(model /.exec(r.stdout);
  const cpu = (name: string) => Number(new RegExp(`${name} time \\(seconds\\): ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN);
  return {
    seconds,
    cpuSeconds: cpu('User') + cpu('System'),
    rssKb: rss ? Number(rss[1]) : NaN,
    how: `child process under ${TIME} -v ("Maximum resident set size"); buildIndex itself reported ${own?.[1] ?? '?'} s, the rest is node + tsx start-up`,
  };
}

type Timer = <R>(call: () => Promise<R>) => Promise<R>;

/** One warm-up pass, then `runs` timed passes; every call made through `time` is timed. */
async function timed(runs: number, pass: (time: Timer) => Promise<void>): Promise<Timing> {
  await pass((call) => call());
  const latencies: number[] = [];
  const time: Timer = async (call) => {
    const t0 = performance.now();
    const r = await call();
    latencies.push(performance.now() - t0);
    return r;
  };
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await pass(time);
  return { latencies, seconds: (performance.now() - t0) / 1000 };
}

/** A load test of one endpoint: `connections` connections for `duration` s, the requests in turn. */
async function load(url: string, requests: autocannon.Request[], duration: number): Promise<Load> {
  const r = await autocannon({
    url,
    connections: 10,
    duration,
    // the load generator runs in its own thread, so it does not share the server's event loop
    workers: 1,
    requests,
  });
  return {
    rps: r.requests.total / duration,
    p50: r.latency.p50,
    p975: r.latency.p97_5,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

function printLoad(name: string, l: Load) {
  const bad = l.non2xx || l.errors ? ` — ${l.non2xx} non-2xx, ${l.errors} errors/timeouts` : '';
  console.log(
    `  ${name.padEnd(26)} ${l.rps.toFixed(1).padStart(7)} req/s  latency p50 ${l.p50} ms, p97.5 ${l.p975} ms, p99 ${l.p99} ms  (${l.total} requests)${bad}`,
  );
}

/** Whether a measured ingest is within its target, said in words. */
function verdict(seconds: number, rssKb: number, target: { seconds: number; rssMb: number }): string {
  const rss = target.rssMb === Infinity ? '' : ` and ≤ ${target.rssMb} MB peak RSS`;
  const met = seconds <= target.seconds && (target.rssMb === Infinity || rssKb / 1024 <= target.rssMb);
  return `target ≤ ${target.seconds} s${rss}: ${met ? 'met' : 'NOT met'}`;
}

/**
 * Everything measured for one corpus; with `queries` false only its ingest (time, memory, sizes).
 * `scaled` selects the ingest target.
 */
async function benchCorpus(
  label: string,
  base: Config,
  corpusDir: string,
  root: string,
  questions: Question[],
  args: { runs: number; duration: number; queries: boolean; scaled: boolean },
): Promise<Row> {
  console.log(`\n## ${label} corpus (${corpusDir})\n`);
  const dir = join(root, label.replace(/\W+/g, '') || 'corpus');
  // a pretrained model is only read, from its own folder; the corpus model is trained into the temporary one
  const config: Config = { ...base, corpusDir, indexDir: join(dir, 'index'), modelsDir: base.trainsModel ? join(dir, 'models') : base.modelsDir };

  const ing = await ingest(config);
  const manifest = (await readManifest(config.indexDir))!;
  console.log(
    `ingest: ${manifest.counts.documents} documents, ${manifest.counts.cases} cases, ${manifest.counts.chunks} chunks in ${ing.seconds.toFixed(1)} s wall, ${ing.cpuSeconds.toFixed(1)} s CPU`,
  );
  console.log(`ingest peak RSS: ${(ing.rssKb / 1024).toFixed(0)} MB — measured as ${ing.how}`);
  console.log(
    `ingest ${verdict(ing.seconds, ing.rssKb, args.scaled ? INGEST_TARGETS.scaled : INGEST_TARGETS.real)} (machine load average now ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} on ${availableParallelism()} cores)`,
  );

  // the published generation; the corpus-trained model is part of it
  const generation = join(config.indexDir, (await currentGeneration(config.indexDir))!);
  const modelDir = config.trainsModel ? join(generation, GENERATION_MODEL) : join(config.modelsDir, config.embedModel);
  const indexFiles = filesIn(generation).filter((f) => !f.path.startsWith(modelDir));
  const modelFiles = filesIn(modelDir);
  const indexBytes = indexFiles.reduce((n, f) => n + f.bytes, 0);
  const modelBytes = modelFiles.reduce((n, f) => n + f.bytes, 0);
  console.log(`\non disk:`);
  for (const f of indexFiles) console.log(`  index/${relative(config.indexDir, f.path).padEnd(44)} ${fmtSize(f.bytes).padStart(10)}`);
  console.log(`  ${'index total'.padEnd(50)} ${fmtSize(indexBytes).padStart(10)}`);
  for (const f of modelFiles) console.log(`  ${relative(dirname(config.indexDir), f.path)}`.padEnd(52) + ` ${fmtSize(f.bytes).padStart(10)}`);
  console.log(`  ${'model total'.padEnd(50)} ${fmtSize(modelBytes).padStart(10)}`);
  const ingested = {
    label,
    cases: manifest.counts.cases,
    chunks: manifest.counts.chunks,
    ingestSeconds: ing.seconds,
    ingestCpuSeconds: ing.cpuSeconds,
    indexBytes,
    modelBytes,
    ingestRssKb: ing.rssKb,
  };
  if (!args.queries) return { ...ingested, openRssKb: NaN, serveRssKb: NaN, search: null, ask: null, httpSearch: null, httpAsk: null };

  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const engine = await openEngine(config);
  const answerer = createAnswerer(engine);
  const openRssKb = (process.memoryUsage().rss - rss0) / 1024;
  console.log(`\nopen (model + index load): ${((performance.now() - t0) / 1000).toFixed(2)} s, RSS +${(openRssKb / 1024).toFixed(0)} MB`);

  const turns = questions.flatMap((q) => q.turns.map((t) => t.q));
  const searchT = await timed(args.runs, async (time) => {
    for (const q of turns) await time(() => search(engine, q));
  });
  // each question's turns in order in one conversation, as a user asks them
  const askT = await timed(args.runs, async (time) => {
    for (const q of questions) {
      let conversationId: string | undefined;
      for (const t of q.turns) conversationId = (await time(() => answerer.ask(t.q, conversationId))).conversationId;
    }
  });
  // the Node flags this process runs with (npm run bench gives those of npm start)
  const flags = process.execArgv.filter((a) => a.startsWith('--v8') || a.startsWith('--max')).join(' ') || 'none';
  console.log(
    `\nin-process latency, ${turns.length} questions (all turns of ${questions.length}), 1 warm-up + ${args.runs} timed passes, single-threaded, node flags: ${flags}:`,
  );
  for (const [name, t] of [
    ['search()', searchT],
    ['answerer.ask()', askT],
  ] as const) {
    const l = t.latencies;
    console.log(
      `  ${name.padEnd(16)} p50 ${fmtMs(pct(l, 0.5)).padStart(6)} ms  p95 ${fmtMs(pct(l, 0.95)).padStart(6)} ms  p99 ${fmtMs(pct(l, 0.99)).padStart(6)} ms  max ${fmtMs(pct(l, 1)).padStart(6)} ms  ${(l.length / t.seconds).toFixed(1).padStart(7)} q/s`,
    );
  }

  let httpSearch: Load | null = null;
  let httpAsk: Load | null = null;
  if (args.duration > 0) {
    // the real middleware stack, the rate limiter included, with a limit the test cannot reach: it measures the server, not the limit
    const app = createApp({ engine, answerer, allowedOrigins: [], rateLimitPerMinute: LOAD_TEST_RATE_LIMIT });
    let server: ReturnType<typeof serve> | undefined;
    const port = await new Promise<number>((ok) => {
      server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => ok(info.port));
    });
    const url = `http://127.0.0.1:${port}`;
    const first = questions.map((q) => q.turns[0].q);
    try {
      httpSearch = await load(
        url,
        first.map((q) => ({ method: 'GET', path: `/api/search?q=${encodeURIComponent(q)}` })),
        args.duration,
      );
      httpAsk = await load(
        url,
        first.map((q) => ({ method: 'POST', path: '/api/ask', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: q }) })),
        args.duration,
      );
    } finally {
      const s = server as unknown as import('node:http').Server;
      s.closeAllConnections();
      await new Promise((ok) => s.close(ok));
    }
    console.log(
      `\nHTTP load test on ${url} (in-process server, autocannon in a worker thread, 10 connections, ${args.duration} s each, ` +
        `${first.length} first-turn questions in turn; rate limit raised to ${LOAD_TEST_RATE_LIMIT}/min):`,
    );
    printLoad('GET /api/search?q=…', httpSearch);
    printLoad('POST /api/ask', httpAsk);
  }
  const serveRssKb = process.memoryUsage().rss / 1024;
  console.log(`\nbench process RSS now: ${(serveRssKb / 1024).toFixed(0)} MB (engine loaded, after the load tests)`);
  await engine.embedder?.dispose?.();
  return {
    ...ingested,
    openRssKb,
    serveRssKb,
    search: searchT,
    ask: askT,
    httpSearch,
    httpAsk,
  };
}

function printTable(rows: Row[]) {
  const cols: Array<[string, (r: Row) => number, number]> = [
    ['cases', (r) => r.cases, 0],
    ['chunks', (r) => r.chunks, 0],
    ['ingest s', (r) => r.ingestSeconds, 1],
    ['ingest CPU s', (r) => r.ingestCpuSeconds, 1],
    ['index MB', (r) => mb(r.indexBytes), 2],
    ['model MB', (r) => mb(r.modelBytes), 2],
    ['ingest RSS MB', (r) => r.ingestRssKb / 1024, 0],
    ['open RSS +MB', (r) => r.openRssKb / 1024, 0],
    ['bench RSS MB', (r) => r.serveRssKb / 1024, 0],
    ['search p50 ms', (r) => (r.search ? pct(r.search.latencies, 0.5) : NaN), 2],
    ['search p95 ms', (r) => (r.search ? pct(r.search.latencies, 0.95) : NaN), 2],
    ['search q/s', (r) => (r.search ? r.search.latencies.length / r.search.seconds : NaN), 1],
    ['ask p50 ms', (r) => (r.ask ? pct(r.ask.latencies, 0.5) : NaN), 2],
    ['ask p95 ms', (r) => (r.ask ? pct(r.ask.latencies, 0.95) : NaN), 2],
    ['ask q/s', (r) => (r.ask ? r.ask.latencies.length / r.ask.seconds : NaN), 1],
    ['HTTP search req/s', (r) => r.httpSearch?.rps ?? NaN, 1],
    ['HTTP ask req/s', (r) => r.httpAsk?.rps ?? NaN, 1],
  ];
  // growth: of the first scaled corpus over the real one
  const growth = rows.length >= 2;
  const header = ['', ...rows.map((r) => r.label), ...(growth ? ['growth'] : [])];
  const lines = cols.map(([name, get, digits]) => {
    const values = rows.map((r) => get(r));
    const cells = values.map((v) => (Number.isNaN(v) ? '-' : v.toFixed(digits)));
    if (growth) cells.push(Number.isNaN(values[0]) || Number.isNaN(values[1]) || !values[0] ? '-' : `×${(values[1] / values[0]).toFixed(1)}`);
    return [name, ...cells];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...lines].map((l) => l[i].length)));
  const fmt = (l: string[]) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n## Summary\n\n${fmt(header)}`);
  for (const l of lines) console.log(fmt(l));
}

async function main(): Promise<number> {
  const args = parseArgs(
    process.argv.slice(2),
    {
      factor: z.coerce.number().int().min(2).max(100).default(50),
      'skip-scaled': z.boolean().default(false),
      'skip-single-file': z.boolean().default(false),
      runs: z.coerce.number().int().min(1).max(20).default(3),
      duration: z.coerce.number().int().min(0).max(60).default(5),
      questions: z.string().min(1).default('../shared/eval/dev.jsonl'),
      help: z.boolean().default(false),
    },
    'bench',
  );
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const base = loadConfig();
  const questionsPath = resolve(args.questions);
  if (!existsSync(questionsPath)) throw new CasechatError('INVALID_ARGUMENT', 'bench', `--questions ${questionsPath} does not exist`);
  const questions = readQuestions(questionsPath);
  const root = mkdtempSync(join(tmpdir(), 'casechat-bench-'));
  const started = performance.now();
  console.log(`# casechat bench — node ${process.version}, ${questionsPath}, temporary folders in ${root}`);
  try {
    const rows = [await benchCorpus('real', base, base.corpusDir, root, questions, { ...args, queries: true, scaled: false })];
    if (!args['skip-scaled']) {
      const out = join(root, `corpus-x${args.factor}`);
      console.log(`\n## scaling the corpus ×${args.factor}\n`);
      const report = await scaleCorpus({ corpusDir: base.corpusDir, outDir: out, factor: args.factor });
      for (const line of describeScale(report, out)) console.log(line);
      rows.push(await benchCorpus(`×${args.factor}`, base, out, root, questions, { ...args, queries: true, scaled: true }));
      rmSync(out, { recursive: true, force: true });
    }
    if (!args['skip-scaled'] && !args['skip-single-file']) {
      const out = join(root, `corpus-x${args.factor}-one-file`);
      console.log(`\n## scaling the corpus ×${args.factor} into one file\n`);
      const report = await scaleCorpus({ corpusDir: base.corpusDir, outDir: out, factor: args.factor, singleFile: true });
      for (const line of describeScale(report, out)) console.log(line);
      rows.push(await benchCorpus(`×${args.factor} one file`, base, out, root, questions, { ...args, queries: false, scaled: true }));
    }
    printTable(rows);
    console.log(`\nbench process peak RSS (process.resourceUsage().maxRSS, all of the above): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    console.log(`bench finished in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return 0;
}

runCli(main, USAGE);
