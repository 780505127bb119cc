import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createAnswerer, type Answerer } from '../answer/ask.js';
import type { Config } from '../config.js';
import { openEngine } from '../engine.js';
import { CasechatError } from '../errors.js';
import { currentGeneration, pruneGenerations, publishGeneration } from '../index/store.js';
import { search, type SearchEngine } from '../search/hybrid.js';
import { memoryConversations } from '../store/memory.js';
import type { ConversationStore } from '../store/types.js';
import type { ReindexOutcome } from './metrics.js';

/** The project root, where `node --import tsx` finds tsx. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const INGEST_CLI = fileURLToPath(new URL('../ingest/cli.ts', import.meta.url));

/** Scheduling priority (nice) of the ingest process: below the server's. */
const INGEST_NICE = 10;

/** Where a re-index stands; `GET /api/admin/status` returns it. */
export interface ReindexStatus {
  state: 'idle' | 'running' | 'succeeded' | 'failed';
  /** Who asked: `admin` (the API), `watch` (a new published generation seen) or `startup`. */
  trigger: 'admin' | 'watch' | 'startup' | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** Whether the last finished re-index changed the served index (false: the corpus was unchanged). */
  changed: boolean | null;
  /** When the new index was swapped in. */
  swappedAt: string | null;
  /** The generation being served. */
  generation: string;
  /** Why the last re-index failed (the previous index is still served). */
  error: string | null;
}

/** Minimal logger the holder reports through (pino fits). */
export interface LiveLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** The JSON line `ingest --json` prints. */
interface IngestOutcome {
  status: 'built' | 'unchanged';
  generation: string | null;
  published: boolean;
  millis: number;
  counts: { cases: number; chunks: number };
}

/**
 * Runs the ingest CLI in a child process (its memory and CPU stay out of the server's event
 * loop), returning its JSON outcome. `stage`: write the generation without publishing it.
 */
export function runIngestProcess(
  config: Config,
  options: { force?: boolean; stage?: boolean; acceptShrink?: boolean; signal?: AbortSignal } = {},
): Promise<IngestOutcome> {
  const args = ['--import', 'tsx', INGEST_CLI, '--json'];
  if (options.force) args.push('--force');
  if (options.stage) args.push('--stage');
  if (options.acceptShrink) args.push('--accept-shrink');
  const env = {
    ...process.env,
    CORPUS_DIR: config.corpusDir,
    INDEX_DIR: config.indexDir,
    MODELS_DIR: config.modelsDir,
    EMBED_MODEL: config.embedModel,
    EMBED_THREADS: String(config.embedThreads),
    MAX_FILE_MB: String(config.maxFileMb),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal });
    // the ingest yields the CPU to the server answering questions meanwhile
    if (child.pid) {
      try {
        setPriority(child.pid, INGEST_NICE);
      } catch {
        // not permitted here: it runs at the server's priority
      }
    }
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.on('error', (e) => reject(new CasechatError('INGEST_FAILED', 'ingest', `the ingest could not run: ${e.message}`)));
    child.on('close', (code, signal) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0) {
        try {
          return resolve(JSON.parse(last) as IngestOutcome);
        } catch {
          return reject(new CasechatError('INGEST_FAILED', 'ingest', `the ingest printed no outcome: ${last.slice(0, 200)}`));
        }
      }
      const reason =
        err
          .trim()
          .split('\n')
          .filter((l) => l.startsWith('error '))
          .pop() ??
        err.trim().split('\n').pop() ??
        '';
      reject(
        new CasechatError('INGEST_FAILED', 'ingest', `the ingest ${signal ? `was killed (${signal})` : `exited with ${code}`}${reason ? `: ${reason}` : ''}`),
      );
    });
  });
}

/** What is served: the engine and the answerer over it. */
interface Served {
  engine: SearchEngine;
  answerer: Answerer;
}

/** Checks a freshly loaded engine answers at all before it is served. */
async function check(engine: SearchEngine): Promise<void> {
  if (engine.index.cases.length === 0) throw new CasechatError('REINDEX_FAILED', 'reindex', 'the new index has no cases');
  const probe = engine.index.cases[0].title;
  const result = await search(engine, probe, { k: 5 });
  if (result.hits.length === 0) throw new CasechatError('REINDEX_FAILED', 'reindex', `the new index finds nothing for its own case "${probe}"`);
}

/**
 * The index being served, swappable while the server runs. `engine` and `answerer` are getters:
 * the app reads them once per request, so requests in flight finish on the index they started
 * with, and requests after a swap see the new one. Conversations survive swaps (case ids are
 * deterministic).
 */
export class LiveIndex {
  private served: Served;
  private running: Promise<void> | null = null;
  private watcher: NodeJS.Timeout | null = null;
  private readonly conversations: ConversationStore;
  private abort: AbortController | null = null;
  /** Published generations that failed to load here: not retried by the watcher. */
  private readonly rejected = new Set<string>();
  status: ReindexStatus;
  /** Called once per finished re-index (metrics). */
  onOutcome: (outcome: ReindexOutcome) => void = () => {};

  private constructor(
    private readonly config: Config,
    engine: SearchEngine,
    private readonly log: LiveLogger,
    conversations: ConversationStore,
  ) {
    this.conversations = conversations;
    this.served = { engine, answerer: createAnswerer(engine, conversations) };
    this.status = {
      state: 'idle',
      trigger: null,
      startedAt: null,
      finishedAt: null,
      changed: null,
      swappedAt: null,
      generation: engine.index.generation,
      error: null,
    };
  }

  /** Serves the published generation of `config.indexDir`. */
  static async open(config: Config, log: LiveLogger, conversations: ConversationStore = memoryConversations()): Promise<LiveIndex> {
    return new LiveIndex(config, await openEngine(config), log, conversations);
  }

  get engine(): SearchEngine {
    return this.served.engine;
  }

  get answerer(): Answerer {
    return this.served.answerer;
  }

  get generation(): string {
    return this.served.engine.index.generation;
  }

  /** Whether a re-index is running. */
  get busy(): boolean {
    return this.running !== null;
  }

  /**
   * Starts a re-index in the background: the ingest runs in a child process and writes a new
   * generation unpublished; it is loaded and checked here, then published and swapped in. On any
   * failure the current index keeps being served and the status says why. Returns false when a
   * re-index is already running.
   */
  startReindex(options: { force?: boolean; acceptShrink?: boolean } = {}): boolean {
    if (this.running !== null) return false;
    this.update(
      'admin',
      () => this.reindex(options.force ?? false, options.acceptShrink ?? false),
      (error) => this.log.error({ event: 'reindex.failed', error, generation: this.generation }, 're-index failed; the previous index is still served'),
    );
    return true;
  }

  /**
   * Records that the ingest at start-up failed while this (published) index is served: the status
   * and `/healthz` say so until a re-index succeeds.
   */
  startupFailed(error: string): void {
    const now = new Date().toISOString();
    this.status = { ...this.status, state: 'failed', trigger: 'startup', startedAt: now, finishedAt: now, changed: false, error };
  }

  /** Resolves when the running re-index (if any) has finished. */
  async settled(): Promise<void> {
    await this.running;
  }

  /**
   * Runs one update of the served index in the background (a re-index, or adopting a generation
   * published elsewhere): the status says it is running, then how it ended, and the outcome is counted.
   */
  private update(trigger: 'admin' | 'watch', work: () => Promise<ReindexOutcome>, failed: (error: string) => void): void {
    this.status = { ...this.status, state: 'running', trigger, startedAt: new Date().toISOString(), finishedAt: null, changed: null, error: null };
    this.running = (async () => {
      let outcome: ReindexOutcome;
      let error: string | null = null;
      try {
        outcome = await work();
      } catch (e) {
        outcome = 'failed';
        error = e instanceof Error ? e.message : String(e);
        failed(error);
      }
      const state = outcome === 'failed' ? 'failed' : 'succeeded';
      this.status = { ...this.status, state, finishedAt: new Date().toISOString(), changed: outcome === 'succeeded', error, generation: this.generation };
      this.onOutcome(outcome);
    })().finally(() => (this.running = null));
  }

  /** The ingest writes a generation unpublished; it is adopted unless the corpus was unchanged. */
  private async reindex(force: boolean, acceptShrink: boolean): Promise<ReindexOutcome> {
    this.abort = new AbortController();
    this.log.info({ event: 'reindex.start', force, acceptShrink, generation: this.generation }, 're-index started');
    try {
      // a generation that loses too many cases is refused by the ingest (INDEX_SHRINK_REFUSED) and never adopted
      const outcome = await runIngestProcess(this.config, { force, stage: true, acceptShrink, signal: this.abort.signal });
      if (outcome.status === 'unchanged') {
        this.log.info({ event: 'reindex.unchanged', generation: this.generation }, 'corpus unchanged; the served index stays');
        return 'unchanged';
      }
      await this.adopt(outcome.generation!, true);
      this.log.info(
        { event: 'reindex.done', generation: this.generation, cases: outcome.counts.cases, chunks: outcome.counts.chunks, ingestMs: outcome.millis },
        're-index done; new index served',
      );
      return 'succeeded';
    } finally {
      this.abort = null;
    }
  }

  /** Loads and checks a generation, publishes it when asked, then swaps it in. */
  private async adopt(generation: string, publish: boolean): Promise<void> {
    const engine = await openEngine(this.config, generation);
    await check(engine);
    if (publish) {
      await publishGeneration(this.config.indexDir, generation);
      await pruneGenerations(this.config.indexDir).catch((e: Error) =>
        this.log.warn({ event: 'index.prune', error: e.message }, 'old generations could not be removed'),
      );
    }
    const old = this.served.engine;
    this.served = { engine, answerer: createAnswerer(engine, this.conversations) };
    this.status = { ...this.status, swappedAt: new Date().toISOString(), generation };
    // requests still running on the old engine keep their reference; the old model is released when they are done
    setTimeout(() => void old.embedder?.dispose?.(), 60_000).unref();
  }

  /**
   * Replicas sharing one index root: every `seconds`, a generation published elsewhere (by
   * another replica's re-index, or `npm run ingest`) is loaded and swapped in.
   */
  watch(seconds: number): void {
    if (seconds <= 0 || this.watcher) return;
    this.watcher = setInterval(() => void this.poll(), seconds * 1000);
    this.watcher.unref();
  }

  private async poll(): Promise<void> {
    if (this.running !== null) return;
    const published = await currentGeneration(this.config.indexDir).catch(() => null);
    if (!published || published === this.generation || this.rejected.has(published) || this.running !== null) return;
    this.update(
      'watch',
      async () => {
        await this.adopt(published, false);
        this.log.info({ event: 'index.adopted', generation: published }, 'a newly published index is served');
        return 'succeeded';
      },
      (error) => {
        this.rejected.add(published);
        this.log.error(
          { event: 'index.adopt_failed', generation: published, error },
          'the published index could not be loaded; the previous one is still served',
        );
      },
    );
  }

  /** Stops watching and cancels a running re-index (shutdown). */
  async close(): Promise<void> {
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = null;
    this.abort?.abort();
    await this.running?.catch(() => undefined);
  }
}

/** Load failures a rebuild cures. */
const REBUILDABLE = new Set(['INDEX_MISSING', 'INDEX_CORRUPT', 'INDEX_FORMAT_VERSION', 'INDEX_MANIFEST_MISMATCH', 'MODEL_NOT_FOUND']);

/** Options of `prepareIndex`. */
export interface PrepareOptions {
  /** How often a read-only replica looks for a published index, ms. Default 5000. */
  retryMs?: number;
  /** Where the answerer keeps conversations. Default: in memory. */
  conversations?: ConversationStore;
}

/**
 * Start-up: build the index when it is missing or stale (in a child process), load it, and when
 * the published index turns out damaged or mismatched, say so and rebuild it. When the ingest
 * fails (a refused shrink, a corpus that cannot be read) and a generation is published, that one
 * is served and the failure logged (`index.ingest_failed`) and reported in the status; only
 * without any index does start-up fail. A read-only replica never builds: it waits until an
 * index is published.
 */
export async function prepareIndex(config: Config, log: LiveLogger, options: PrepareOptions = {}): Promise<LiveIndex> {
  const retryMs = options.retryMs ?? 5000;
  const conversations = options.conversations ?? memoryConversations();
  if (config.indexReadOnly) {
    for (;;) {
      try {
        return await LiveIndex.open(config, log, conversations);
      } catch (e) {
        if (!(e instanceof CasechatError) || e.code !== 'INDEX_MISSING') throw e;
        log.warn({ event: 'index.waiting', indexDir: config.indexDir }, 'no index is published yet (INDEX_READ_ONLY); waiting');
        await new Promise((r) => setTimeout(r, retryMs));
      }
    }
  }
  // a failed ingest (a refused shrink, a broken corpus) leaves the published index to be served
  let failure: string | null = null;
  try {
    const outcome = await runIngestProcess(config);
    log.info(
      { event: 'index.ready', status: outcome.status, generation: outcome.generation, ingestMs: outcome.millis },
      outcome.status === 'built' ? 'index built' : 'index is up to date',
    );
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e);
  }
  try {
    const live = await LiveIndex.open(config, log, conversations);
    if (failure !== null) {
      live.startupFailed(failure);
      log.error(
        { event: 'index.ingest_failed', error: failure, generation: live.generation },
        `the ingest at start-up failed; the published index ${live.generation} is served`,
      );
    }
    return live;
  } catch (e) {
    if (failure !== null) {
      // nothing servable: the server cannot start
      const code = e instanceof CasechatError ? e.code : 'INDEX_MISSING';
      throw new CasechatError(
        code,
        'startup',
        `nothing to serve (${e instanceof Error ? e.message : String(e)}), and the ingest at start-up failed (${failure})`,
      );
    }
    if (!(e instanceof CasechatError) || !REBUILDABLE.has(e.code)) throw e;
    log.warn({ event: 'index.rebuild', code: e.code, error: e.message }, 'the published index cannot be served; rebuilding it');
    const rebuilt = await runIngestProcess(config, { force: true });
    log.info({ event: 'index.ready', status: rebuilt.status, generation: rebuilt.generation, ingestMs: rebuilt.millis }, 'index rebuilt');
    return await LiveIndex.open(config, log, conversations);
  }
}
