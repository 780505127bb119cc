import { expect } from 'vitest';
import { createLogger } from '../src/server/observability.js';

/** The JSON error body every refusal has. */
export type ErrorBody = { error: { code: string; message: string } };

/** A line of the server log, as the tests read it. */
export type LogLine = {
  level: number;
  reqId?: string;
  method?: string;
  path?: string;
  route?: string;
  status?: number;
  ms?: number;
  question?: string;
  msg: string;
};

/** Anything that answers requests in process: the app, or a bare Hono app. */
type Requester = { request: (path: string, init: RequestInit) => Response | Promise<Response> };

/** POSTs a body to the app with a content type (none when null). */
export function post(app: Requester, path: string, body: BodyInit | null, type: string | null = 'application/json') {
  return app.request(path, { method: 'POST', body, headers: type === null ? {} : { 'Content-Type': type } });
}

/** The error of a JSON error response, after checking it is one: `{error: {code, message}}` and nothing else. */
export async function errorOf(res: Response): Promise<ErrorBody['error']> {
  expect(res.headers.get('content-type')).toContain('application/json');
  const body = (await res.json()) as ErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
  return body.error;
}

/** A pino logger whose JSON lines are kept, parsed, in `lines`; `access()` gives the access-log lines. */
export function capturedLogger() {
  const lines: LogLine[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (s: string) => lines.push(JSON.parse(s) as LogLine) } });
  return { logger, lines, access: () => lines.filter((l) => l.msg === 'request') };
}

/** A question every test may ask. */
export const QUESTION = 'hvordan hjælper man hjemløse unge?';

/** A Prometheus sample's value for an exact series (name + labels as printed), or undefined. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
