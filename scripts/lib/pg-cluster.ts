import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './server-process.js';

/**
 * A throw-away PostgreSQL cluster from Debian's `postgresql` package, for the tests and the load
 * bench: `initdb` into a temporary folder, the server on a free loopback port with its socket in that
 * folder, stopped and removed at the end. PostgreSQL refuses to run as root, so as root the cluster
 * belongs to the `postgres` user the package creates and its commands run through `runuser`.
 */

const run = promisify(execFile);

/** Where Debian installs the PostgreSQL programs. */
const PG_ROOT = '/usr/lib/postgresql';

/** The user that runs the cluster when this process is root. */
const PG_USER = 'postgres';

/** A running throw-away cluster. */
export interface PgCluster {
  /** `postgres://casechat@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** A new, empty database in the cluster; resolves to its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown: open connections are closed). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it if running and removes its folder. */
  destroy(): Promise<void>;
}

/** The newest installed PostgreSQL's bin folder, or an error saying how to install it. */
export function postgresBin(): string {
  const versions = existsSync(PG_ROOT) ? readdirSync(PG_ROOT).filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`PostgreSQL is not installed (no ${PG_ROOT}/*/bin/initdb): apt-get install -y postgresql (.ci/run does this)`);
  return join(PG_ROOT, newest, 'bin');
}

/** uid and gid of a user from /etc/passwd. */
function userIds(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`running as root, PostgreSQL needs the user "${name}" (created by Debian's postgresql package)`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Starts a throw-away cluster; fails loudly when it cannot. */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = postgresBin();
  const root = mkdtempSync(join(tmpdir(), 'casechat-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = userIds(PG_USER);
    chownSync(root, uid, gid);
  }
  const data = join(root, 'data');
  const log = join(root, 'server.log');
  const pgc = async (program: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', PG_USER, '--', join(bin, program), ...args]] : [join(bin, program), args];
    try {
      await run(file, argv, { cwd: root, timeout: 60_000 });
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      throw new Error(`PostgreSQL ${program} failed: ${detail}\n${serverLog}`);
    }
  };
  const port = await freePort();
  // fsync off: the cluster lives for one test run; the tests stop it cleanly
  const serverOptions = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  let running = false;
  const start = async () => {
    await pgc('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', serverOptions, 'start']);
    running = true;
  };
  const stop = async () => {
    if (!running) return;
    await pgc('pg_ctl', ['-D', data, '-w', '-t', '60', '-m', 'fast', 'stop']);
    running = false;
  };
  try {
    await pgc('initdb', ['-D', data, '-U', 'casechat', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    await start();
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  const url = `postgres://casechat@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://casechat@127.0.0.1:${port}/${name}`;
    },
    stop,
    start,
    async destroy() {
      try {
        await stop();
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
