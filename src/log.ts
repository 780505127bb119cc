import { pino } from 'pino';
import type { ErrorCode } from './errors.js';

/** A non-fatal issue: a skipped file, an empty PDF page, a repaired email. */
export interface Warning {
  code: ErrorCode;
  /** The file (path under corpus/) or component concerned. */
  file: string;
  message: string;
}

/** Injected logger: components report warnings and progress through it, so tests can assert them. */
export interface Logger {
  warn(w: Warning): void;
  info(message: string): void;
}

/** Logger that keeps every warning in memory (tests, ingest summaries). */
export function memoryLogger(echo = false): Logger & { warnings: Warning[]; infos: string[] } {
  const warnings: Warning[] = [];
  const infos: string[] = [];
  return {
    warnings,
    infos,
    warn(w) {
      warnings.push(w);
      if (echo) process.stderr.write(`warning ${w.code} ${w.file}: ${w.message}\n`);
    },
    info(m) {
      infos.push(m);
      if (echo) process.stderr.write(`${m}\n`);
    },
  };
}

/**
 * The logger that says nothing: the server's default (a pino logger at level `silent`, so tests
 * stay quiet) and, as it also fits `Logger`, the ingest's in benchmarks and tests.
 */
export const silentLogger = pino({ level: 'silent' });
