import { resolve } from 'node:path';
import { z } from 'zod';
import { CasechatError } from './errors.js';

const csv = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/** Environment variables casechat reads, validated once at start-up. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  CORPUS_DIR: z.string().min(1).default('corpus'),
  INDEX_DIR: z.string().min(1).default('index'),
  MODELS_DIR: z.string().min(1).default('models'),
  /** Folder name under MODELS_DIR of a transformers.js model; default: the model the ingest trains from the corpus. */
  EMBED_MODEL: z.string().regex(/^[\w.-]+$/, 'a folder name under models/').default('casechat-corpus'),
  EMBED_THREADS: z.coerce.number().int().min(1).max(64).default(1),
  /** Browser origins that may call the API (comma-separated); default: the server's own origin only. */
  ALLOWED_ORIGINS: csv.default([]),
  /** API requests per client and minute (0 = no limit). */
  RATE_LIMIT: z.coerce.number().int().min(0).max(100_000).default(120),
});

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
  rateLimitPerMinute: number;
}

/** The name of the model the ingest trains from the corpus. */
export const CORPUS_MODEL = 'casechat-corpus';

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env, root = process.cwd()): Config {
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
    rateLimitPerMinute: e.RATE_LIMIT,
  };
}
