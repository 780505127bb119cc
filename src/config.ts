import { resolve } from 'node:path';
import { z } from 'zod';
import { CasechatError } from './errors.js';

/** The levels of the server log (pino's), quietest last. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Defaults of the settings the app also takes in code (`AppDeps`), kept here once. */
export const SERVER_DEFAULTS = {
  /** API requests per client and minute (0 = no limit). */
  rateLimitPerMinute: 60,
  /** Trusted proxy hops (0 = X-Forwarded-For is ignored). */
  trustProxy: 0,
  /** Whether the access log holds the question asked. */
  logQuestions: false,
} as const;

const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

/** Environment variables casechat reads, validated once at start-up. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  CORPUS_DIR: z.string().min(1).default('corpus'),
  INDEX_DIR: z.string().min(1).default('index'),
  MODELS_DIR: z.string().min(1).default('models'),
  /** Folder name under MODELS_DIR of a transformers.js model; default: the model the ingest trains from the corpus. */
  EMBED_MODEL: z
    .string()
    .regex(/^[\w.-]+$/, 'a folder name under models/')
    .default('casechat-corpus'),
  EMBED_THREADS: z.coerce.number().int().min(1).max(64).default(1),
  /** Browser origins that may call the API (comma-separated); default: the server's own origin only. */
  ALLOWED_ORIGINS: csv.default([]),
  /** API requests per client and minute (0 = no limit). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(SERVER_DEFAULTS.rateLimitPerMinute),
  /** Proxy hops in front of the server whose X-Forwarded-For entries are trusted (0 = none: the header is ignored). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(32).default(SERVER_DEFAULTS.trustProxy),
  /** Whether the access log may contain the users' questions. */
  LOG_QUESTIONS: z.enum(['true', 'false'], { error: 'LOG_QUESTIONS must be "true" or "false"' }).default(SERVER_DEFAULTS.logQuestions ? 'true' : 'false'),
  /** The quietest level still logged (the access log is at info). */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Bearer token of the admin API (re-index, status); unset: the admin API is off. */
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional(),
  /** Serve the published index only, never build it (replicas behind a load balancer). */
  INDEX_READ_ONLY: z.enum(['true', 'false'], { error: 'INDEX_READ_ONLY must be "true" or "false"' }).default('false'),
  /** Every this many seconds, load a generation published by someone else (0 = never). */
  INDEX_WATCH_SECONDS: z.coerce.number().int().min(0).max(86_400).default(0),
  /** On SIGTERM, how long requests in flight may take to finish, in ms. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Corpus files larger than this many megabytes (MiB) are skipped by the ingest with a warning. */
  MAX_FILE_MB: z.coerce.number({ error: 'MAX_FILE_MB must be a number of megabytes' }).positive('MAX_FILE_MB must be more than 0').max(100_000).default(50),
  /** Folder of the SQLite store (`casechat.db`), used when DATABASE_URL is unset. */
  DATA_DIR: z.string().min(1).default('data'),
  /** PostgreSQL connection URL: the store lives there instead of SQLite (several replicas). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Days the question log and its feedback are kept. */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Where conversations live: in the store (shared by replicas, kept across restarts) or in this process's memory. */
  CONVERSATIONS: z.enum(['store', 'memory'], { error: 'CONVERSATIONS must be "store" or "memory"' }).default('store'),
});

/** Names that were renamed: setting the old one is refused rather than silently ignored. */
const RENAMED: Record<string, string> = { RATE_LIMIT: 'RATE_LIMIT_PER_MINUTE' };

export interface Config {
  port: number;
  host: string;
  corpusDir: string;
  indexDir: string;
  modelsDir: string;
  embedModel: string;
  /** True when EMBED_MODEL names the corpus-trained model (the ingest trains and writes it). */
  trainsModel: boolean;
  embedThreads: number;
  allowedOrigins: string[];
  /** API requests per client and minute; 0 = no limit. */
  rateLimitPerMinute: number;
  /** Trusted proxy hops: the rate limit keys on the X-Forwarded-For entry this many from the right. */
  trustProxy: number;
  /** Whether the access log includes the question asked. */
  logQuestions: boolean;
  logLevel: LogLevel;
  /** Token of the admin API; undefined: the admin API is off. */
  adminToken: string | undefined;
  /** Never build the index; serve what is published (replicas). */
  indexReadOnly: boolean;
  /** Seconds between checks for a newly published generation; 0 = no watching. */
  indexWatchSeconds: number;
  /** Grace period of a SIGTERM shutdown for requests in flight, ms. */
  shutdownGraceMs: number;
  /** Corpus files over this many megabytes (MiB) are skipped by the ingest. */
  maxFileMb: number;
  /** Folder of the SQLite store. */
  dataDir: string;
  /** PostgreSQL URL of the store; undefined: SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Days questions and feedback are kept. */
  retentionDays: number;
  /** Where conversations live. */
  conversations: 'store' | 'memory';
}

/** The name of the model the ingest trains from the corpus. */
export const CORPUS_MODEL = 'casechat-corpus';

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env, root = process.cwd()): Config {
  for (const [old, now] of Object.entries(RENAMED)) {
    if (env[old] !== undefined) throw new CasechatError('INVALID_CONFIG', 'config', `${old} was renamed to ${now}; set ${now} instead`);
  }
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new CasechatError('INVALID_CONFIG', 'config', issues);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    corpusDir: resolve(root, e.CORPUS_DIR),
    indexDir: resolve(root, e.INDEX_DIR),
    modelsDir: resolve(root, e.MODELS_DIR),
    embedModel: e.EMBED_MODEL,
    trainsModel: e.EMBED_MODEL === CORPUS_MODEL,
    embedThreads: e.EMBED_THREADS,
    allowedOrigins: e.ALLOWED_ORIGINS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    trustProxy: e.TRUST_PROXY,
    logQuestions: e.LOG_QUESTIONS === 'true',
    logLevel: e.LOG_LEVEL,
    adminToken: e.ADMIN_TOKEN,
    indexReadOnly: e.INDEX_READ_ONLY === 'true',
    indexWatchSeconds: e.INDEX_WATCH_SECONDS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    maxFileMb: e.MAX_FILE_MB,
    dataDir: resolve(root, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    retentionDays: e.RETENTION_DAYS,
    conversations: e.CONVERSATIONS,
  };
}

/**
 * Most entries of each memo of values computed from text (see `Memo` in `cache.ts`). A running
 * server's working set (its corpus' words and sentences, the day's questions) stays far below them;
 * the bound only keeps odd input from growing a memo without end.
 */
export const MEMO_LIMITS = {
  /** Word → stemmed, folded index term. */
  terms: 200_000,
  /** Unknown term → its spelling correction (a scan of the vocabulary each), per index. */
  corrections: 50_000,
  /** Query word → its close neighbours among the cases' words, per index. */
  neighbours: 50_000,
  /** Text → its typed spans (money, numbers, dates, names …). */
  spans: 50_000,
  /** Sentence → its terms with compound parts, per index. */
  sentenceTerms: 100_000,
  /** Text → its folded words, and the answer types whose cues it holds. */
  words: 50_000,
} as const;
