import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Readable } from 'node:stream';

/**
 * Child processes for the load bench: a CLI run to completion, a casechat server started on a free
 * loopback port and stopped again, the memory of a process read from /proc, and clean-up that also
 * runs on Ctrl-C. Linux only (/proc).
 */

/**
 * The Node flags `npm start` serves with (package.json `start`), for servers started here: one V8
 * helper thread for GC and compilation instead of Node's four, so that on a 2-core machine the
 * helpers do not take the core the requests run on (DESIGN.md, Operations).
 */
export const SERVE_NODE_FLAGS = ['--v8-pool-size=1'] as const;

/** Milliseconds a stopped child gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 4_000;
/** Characters of a child's stdout/stderr kept for error messages. */
const TAIL_CHARS = 12_000;

const cleanups = new Set<() => Promise<void> | void>();
const children = new Set<ChildProcess>();
let signalsInstalled = false;

/**
 * Registers `fn` to run on Ctrl-C / SIGTERM, last registered first (then the process exits with 130 / 143);
 * returns a function that unregisters it. Children that are still running when this process exits
 * for any reason are killed with SIGKILL.
 */
export function onCleanup(fn: () => Promise<void> | void): () => void {
  if (!signalsInstalled) {
    signalsInstalled = true;
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: stopping the server and removing temporary files …`);
        // last registered first: the server stops before its temporary folder is removed
        void (async () => {
          for (const c of [...cleanups].reverse())
            await Promise.resolve()
              .then(c)
              .catch((e) => console.error(e));
          process.exit(code);
        })();
      });
    }
    process.once('exit', () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    });
  }
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Keeps the last characters a stream writes; the stream is always drained so the child never blocks. */
function keepTail(stream: Readable | null): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (d: string) => {
    text = (text + d).slice(-TAIL_CHARS);
  });
  return () => text;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/** What a finished CLI run printed, and its wall time in seconds. */
export interface ChildRun {
  seconds: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in `cwd` with `env` to completion; a non-zero exit rejects with the output's tail. */
export function runNode(args: string[], env: NodeJS.ProcessEnv, cwd: string, label: string): Promise<ChildRun> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const stdout = keepTail(child.stdout);
  const stderr = keepTail(child.stderr);
  return new Promise((ok, fail) => {
    child.once('error', (e) => fail(new Error(`${label}: could not start node: ${e.message}`)));
    child.once('close', (code, signal) => {
      children.delete(child);
      const run = { seconds: (performance.now() - t0) / 1000, stdout: stdout(), stderr: stderr() };
      if (code === 0) ok(run);
      else fail(new Error(`${label} failed (${signal ?? `exit ${code}`}):\n--- stdout (tail) ---\n${run.stdout}\n--- stderr (tail) ---\n${run.stderr}`));
    });
  });
}

/** A running casechat server. */
export interface ServerProcess {
  pid: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Seconds from spawn until GET /healthz answered 200. */
  startSeconds: number;
  /** The tail of what the server wrote to stderr and stdout, for error messages. */
  output(): string;
  /** How the server ended (`exit 1`, `SIGKILL` …), or undefined while it runs. */
  exitedWith(): string | undefined;
  /** SIGTERM, then SIGKILL after a grace period; resolves when the process is gone. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts `node <args>` and waits until GET `<url>/healthz` answers 200. Rejects with the server's
 * output when it exits first or when `timeoutMs` passes (the child is then stopped).
 */
export async function startServer(args: string[], env: NodeJS.ProcessEnv, cwd: string, port: number, timeoutMs: number): Promise<ServerProcess> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const stdout = keepTail(child.stdout);
  const stderr = keepTail(child.stderr);
  const exited = new Promise<string>((ok) => {
    child.once('error', (e) => ok(`could not start: ${e.message}`));
    child.once('exit', (code, signal) => {
      children.delete(child);
      ok(signal ?? `exit ${code}`);
    });
  });
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      await exited;
      clearTimeout(killer);
    })());
  const url = `http://127.0.0.1:${port}`;
  const output = () => `--- server stderr (tail) ---\n${stderr()}\n--- server stdout (tail) ---\n${stdout()}`;

  let exitedWith: string | undefined;
  void exited.then((how) => (exitedWith = how));
  const deadline = t0 + timeoutMs;
  while (performance.now() < deadline) {
    if (exitedWith !== undefined) throw new Error(`server exited (${exitedWith}) before GET ${url}/healthz answered 200\n${output()}`);
    const status = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) {
      if (child.pid === undefined) break;
      return { pid: child.pid, url, startSeconds: (performance.now() - t0) / 1000, output, exitedWith: () => exitedWith, stop };
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  await stop();
  throw new Error(
    `server did not answer GET ${url}/healthz with 200 within ${(timeoutMs / 1000).toFixed(0)} s (${exitedWith ?? 'still running, stopped now'})\n${output()}`,
  );
}

/** Resident memory of one process in kB: now (VmRSS) and the peak since start or the last reset (VmHWM). */
export interface Memory {
  rssKb: number;
  hwmKb: number;
}

/** The memory of process `pid` from /proc/<pid>/status; null when it is gone or has exited. */
export function readMemory(pid: number): Memory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const m = { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
    // a zombie still has a status file, without memory lines
    return Number.isNaN(m.rssKb) || Number.isNaN(m.hwmKb) ? null : m;
  } catch {
    return null;
  }
}

/** Resets VmHWM of `pid` to its current RSS (writes 5 to /proc/<pid>/clear_refs); false when the kernel refuses. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** `pid` and every process below it (a re-index may run in a child process). */
function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${out[i]}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      try {
        const kids = readFileSync(`/proc/${out[i]}/task/${t}/children`, 'utf8').trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      } catch {
        // the task ended while we read it
      }
    }
  }
  return out;
}

/** What a sampler saw: the largest VmRSS of the root process, of the tree summed, and the most processes. */
export interface RssPeak {
  serverKb: number;
  treeKb: number;
  processes: number;
}

/** Samples the summed VmRSS of `pid` and its descendants every `intervalMs` until `stop()` is called. */
export function sampleRss(pid: number, intervalMs = 100): { stop(): RssPeak } {
  const peak: RssPeak = { serverKb: 0, treeKb: 0, processes: 0 };
  const sample = () => {
    const pids = processTree(pid);
    const kb = pids.reduce((n, p) => n + (readMemory(p)?.rssKb ?? 0), 0);
    peak.serverKb = Math.max(peak.serverKb, readMemory(pid)?.rssKb ?? 0);
    peak.treeKb = Math.max(peak.treeKb, kb);
    peak.processes = Math.max(peak.processes, pids.length);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { ...peak };
    },
  };
}
