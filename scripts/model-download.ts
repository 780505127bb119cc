import { createWriteStream, rmSync } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { parseArgs, runCli } from '../src/cli-args.js';
import { loadConfig } from '../src/config.js';
import { CasechatError } from '../src/errors.js';

/**
 * `npm run model:download -- <owner/name> [--name <folder>]`: fetches a transformers.js model
 * (`config.json`, `tokenizer.json`, `tokenizer_config.json`, `onnx/model_quantized.onnx`) from the
 * Hugging Face hub into `models/<folder>.tmp-<pid>/`, and renames that to `models/<folder>/` once every
 * file has arrived, so a failed or interrupted download never leaves a half model folder.
 * Where the hub cannot be reached (no internet), it fails with what to copy by hand instead.
 */

/** The files `createEmbedder` needs in a model folder, as paths in the hub repository. */
export const MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'] as const;

/** A hub model id: `owner/name`, letters, digits, `-`, `_` and `.`, no `..` or `--` (the hub's own rules). */
export const HubIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/, 'expected owner/name, e.g. Xenova/multilingual-e5-small')
  .refine((id) => !/\.\.|--/.test(id), 'must not contain ".." or "--"');

/** A model folder name under models/ (what EMBED_MODEL accepts), not hidden. */
const FolderSchema = z.string().regex(/^[\w-][\w.-]*$/, 'a folder name: letters, digits, "-", "_" and "."');

/** Where files come from: https, or http on a loopback address only (a local mirror, the tests). */
const HubSchema = z.url().refine((u) => {
  const url = new URL(u);
  return url.protocol === 'https:' || (url.protocol === 'http:' && /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname));
}, 'must be https:// (or http:// on 127.0.0.1/localhost)');

/** Options of `downloadModel`. */
export interface DownloadOptions {
  /** Hub model id, `owner/name`. */
  id: string;
  /** Folder under `modelsDir` to create. Default: the name part of the id. */
  folder: string;
  modelsDir: string;
  /** Base address of the hub. Default `https://huggingface.co`. */
  hub: string;
  /** Milliseconds a request may go without an answer or a byte of body before it is abandoned. Default 15000. */
  timeoutMs: number;
  /** Progress lines (one per file). Default: nothing. */
  onFile: (file: string, bytes: number) => void;
}

/** Defaults of `DownloadOptions`: hub https://huggingface.co, timeoutMs 15000, no progress output. */
export const defaultDownloadOptions = {
  hub: 'https://huggingface.co',
  timeoutMs: 15_000,
  onFile: () => {},
} satisfies Partial<DownloadOptions>;

const NETWORK_CODES: Record<string, string> = {
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection failed',
};

/** Why a request failed, in words, from fetch's error and its cause. */
function reason(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `no answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${NETWORK_CODES[cause.code] ?? 'the request failed'} (${cause.code})`;
  return (cause?.message ?? (error as Error).message) || String(error);
}

/** What to do by hand when the hub cannot be reached. */
function byHand(o: DownloadOptions): string {
  const folder = join(o.modelsDir, o.folder);
  return (
    `Nothing was written.\nCopy the model folder by hand instead: put ${MODEL_FILES.join(', ')} of ${o.id} under ${folder}/, ` +
    `then start with EMBED_MODEL=${o.folder} (e.g. EMBED_MODEL=${o.folder} npm start; the index is rebuilt for the new model).`
  );
}

/** Fetches one file into `dest`, abandoning it after `timeoutMs` without an answer or a byte. */
async function fetchFile(url: string, dest: string, o: DownloadOptions): Promise<number> {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, o.timeoutMs);
  };
  const host = new URL(url).host;
  arm();
  try {
    let res: Response;
    try {
      res = await fetch(url, { signal: controller.signal, redirect: 'follow' });
    } catch (e) {
      throw new CasechatError(
        'MODEL_DOWNLOAD_FAILED',
        'model-download',
        `cannot reach ${host}: ${reason(e, timedOut, o.timeoutMs)}, fetching ${url} (is there internet access here?). ${byHand(o)}`,
      );
    }
    arm();
    if (!res.ok || !res.body) {
      const hint = res.status === 401 || res.status === 404 ? ' (no such model or file on the hub, or it needs a login)' : '';
      throw new CasechatError('MODEL_DOWNLOAD_FAILED', 'model-download', `${host} answered HTTP ${res.status}${hint} for ${url}. ${byHand(o)}`);
    }
    await mkdir(dirname(dest), { recursive: true });
    let bytes = 0;
    const progress = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        arm();
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), progress, createWriteStream(dest));
    } catch (e) {
      throw new CasechatError('MODEL_DOWNLOAD_FAILED', 'model-download', `${host} stopped sending ${url}: ${reason(e, timedOut, o.timeoutMs)}. ${byHand(o)}`);
    }
    return bytes;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Downloads the model files of `id` into `modelsDir/folder`, atomically: into `<folder>.tmp-<pid>`,
 * renamed when all files are there; on any failure the temporary folder is removed.
 * Throws MODEL_DOWNLOAD_FAILED naming the host and what to copy by hand, INVALID_ARGUMENT when the folder exists.
 */
export async function downloadModel(options: Partial<DownloadOptions> & Pick<DownloadOptions, 'id' | 'modelsDir'>): Promise<string> {
  const o: DownloadOptions = { ...defaultDownloadOptions, folder: options.id.split('/')[1], ...options };
  const target = join(o.modelsDir, o.folder);
  const exists = await access(target).then(
    () => true,
    () => false,
  );
  if (exists) throw new CasechatError('INVALID_ARGUMENT', 'model-download', `${target} already exists; remove it first, or give another --name`);
  const tmp = `${target}.tmp-${process.pid}`;
  // an interrupted run removes its temporary folder too
  const cleanUp = () => rmSync(tmp, { recursive: true, force: true });
  const onSignal = () => {
    cleanUp();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    for (const file of MODEL_FILES) {
      const url = `${o.hub.replace(/\/+$/, '')}/${o.id}/resolve/main/${file}`;
      o.onFile(file, await fetchFile(url, join(tmp, file), o));
    }
    await rename(tmp, target);
    return target;
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const USAGE = `usage: npm run model:download -- <owner/name> [--name <folder>] [--hub <url>]
  <owner/name>  Hugging Face model id with transformers.js files, e.g. Xenova/multilingual-e5-small
  --name        folder under models/ (MODELS_DIR) to create; default: the name part of the id
  --hub         base address of the hub or a mirror; default ${defaultDownloadOptions.hub}
Then start with EMBED_MODEL=<folder>.`;

async function main(): Promise<number> {
  const args = parseArgs(
    process.argv.slice(2),
    {
      _: z.array(z.string()),
      name: FolderSchema.optional(),
      hub: HubSchema.default(defaultDownloadOptions.hub),
      help: z.boolean().default(false),
    },
    'model-download',
  );
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args._.length !== 1)
    throw new CasechatError('INVALID_ARGUMENT', 'model-download', `give one model id, e.g. Xenova/multilingual-e5-small (got ${args._.length})`);
  const id = HubIdSchema.safeParse(args._[0]);
  if (!id.success) {
    throw new CasechatError('INVALID_ARGUMENT', 'model-download', `"${args._[0]}" is not a model id: ${id.error.issues.map((i) => i.message).join('; ')}`);
  }
  const folder = args.name ?? FolderSchema.parse(id.data.split('/')[1]);
  const config = loadConfig();
  console.log(`downloading ${id.data} from ${args.hub} into ${join(config.modelsDir, folder)}`);
  const target = await downloadModel({
    id: id.data,
    folder,
    modelsDir: config.modelsDir,
    hub: args.hub,
    onFile: (file, bytes) => console.log(`  ${file} ${(bytes / 1024).toFixed(0)} KB`),
  });
  console.log(`model ready in ${target}; start with EMBED_MODEL=${folder} (the index is rebuilt for it)`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runCli(main, USAGE);
}
