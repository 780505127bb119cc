import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config.js';

/** Options of `createLogger`. */
export interface LoggerOptions {
  /** Default `info`. */
  level?: LogLevel;
  /** Where the JSON lines go; default stdout. */
  destination?: DestinationStream;
}

/** The server's logger: one JSON object per line, with an ISO time, to stdout unless told otherwise. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const settings = { level: options.level ?? 'info', timestamp: pino.stdTimeFunctions.isoTime };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
