/**
 * Property-based fuzzing of every endpoint's inputs (fast-check), in process through
 * `app.request`, then hostile raw HTTP against a real server on a loopback port. Whatever comes
 * in: never a 5xx, every error a JSON `{error: {code, message}}` with a known code (pages answer
 * HTML), no stack trace, and an answer within a few seconds.
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/errors.js';
import { MAX_BODY_BYTES } from '../src/server/middleware/body-limit.js';
import { testApp } from './app.js';

type App = Awaited<ReturnType<typeof testApp>>;

/** Longest any one fuzzed request may take. */
const REQUEST_TIMEOUT_MS = 5_000;

let app: App;
beforeAll(async () => {
  app = await testApp(['https://intra.example.dk']);
});

/** One UTF-16 unit of trouble: any code point, a lone surrogate half, a control character, or an invisible/bidi mark. */
const nastyChar = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n)),
  fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n)),
  fc.constantFrom('\u200b', '\ufeff', '\u202e', '\u0301', '\uffff', '\u2028', 'æ', 'ø', 'å', '"', '\\', '%', '&', '#', '?', '/'),
);
const nastyString = (maxLength: number) => fc.oneof(fc.string({ unit: nastyChar, maxLength }), fc.string({ unit: 'grapheme', maxLength }));

/** Every byte percent-encoded: invalid UTF-8 (lone surrogates as CESU bytes, overlongs) reaches the app as is. */
const percentBytes = (bytes: Uint8Array) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const utf8 = (s: string) => new TextEncoder().encode(s);

/** A query-string value: well-formed, raw bytes, or broken percent escapes. */
const queryValue = fc.oneof(
  nastyString(1100).map((s) => percentBytes(utf8(s))),
  fc.uint8Array({ maxLength: 300 }).map(percentBytes),
  fc.string({ unit: 'grapheme-ascii', maxLength: 50 }),
  fc.constantFrom('%', '%%', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%00', '+', '=', '&&', ''),
);

/** A value for k: numbers of every kind as text, and words. */
const kValue = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.constantFrom('1e308', '1e400', '-0', '0x10', ' 5 ', 'NaN', 'Infinity', '-Infinity', '', '5abc', '٣', '1_0', '0b11'),
  queryValue,
);

/** A JSON-ish value of the wrong type or shape for a field. */
const oddValue = fc.oneof(
  nastyString(1200),
  fc.jsonValue({ maxDepth: 3 }),
  fc.double(),
  fc.constantFrom(null, true, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, [], {}),
);

/** A request body: near-valid questions, JSON of every shape, deep nesting, huge numbers, raw text and bytes. */
const body = fc.oneof(
  fc.record({ question: oddValue, conversationId: fc.option(oddValue, { nil: undefined }) }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
  fc.record({ question: nastyString(1100), conversationId: fc.option(nastyString(120), { nil: undefined }) }).map((o) => JSON.stringify(o)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.integer({ min: 1, max: 8_000 }).map((n) => `{"question":${'['.repeat(n)}${']'.repeat(n)}}`),
  fc.integer({ min: 1, max: 8_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.constantFrom(
    '{"question": 1e999}',
    '{"question": -0}',
    '{"question": "x", "question": 5}',
    '{"__proto__": {"question": "x"}}',
    '{"constructor": {"prototype": 1}}',
  ),
  fc.string({ unit: nastyChar, maxLength: 200 }),
  fc.uint8Array({ maxLength: 2 * MAX_BODY_BYTES }),
  fc.constant(''),
);

/** Content types: the right one in several spellings, wrong ones, and junk (any printable ASCII). */
const contentType = fc.option(
  fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json;',
      'application/vnd.api+json',
      'application/json; charset=latin1',
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/octet-stream',
      '*/*',
      '',
    ),
    fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
  ),
  { nil: undefined },
);

const origin = fc.option(fc.constantFrom('https://intra.example.dk', 'https://evil.example', 'null', 'http://localhost', '::::'), { nil: undefined });

/** Resolves with `p`, or rejects when it takes longer than the timeout. */
async function within<T>(p: Promise<T>, ms = REQUEST_TIMEOUT_MS, what = 'request'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Pages answer their errors as HTML by design; everything else as JSON. The path as the app sees it: `/../cases/x` is `/cases/x`. */
function isPage(path: string): boolean {
  const seen = new URL(path, 'http://localhost').pathname;
  return seen === '/cases' || seen.startsWith('/cases/');
}

/**
 * The invariants of any response: no 5xx; an error is JSON with a known code and no stack trace
 * (or an HTML page for page paths); a 200 event stream carries no `error` event.
 */
async function checkResponse(res: Response, method: string, path: string): Promise<void> {
  const text = await within(res.text(), REQUEST_TIMEOUT_MS, `body of ${method} ${path}`);
  expect(res.status, `${method} ${path}: ${text.slice(0, 200)}`).toBeLessThan(500);
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(text).not.toContain(process.cwd());
  const type = res.headers.get('content-type') ?? '';
  if (res.status === 200 && type.startsWith('text/event-stream')) expect(text).not.toMatch(/^event: error$/m);
  if (res.status < 400 || method === 'HEAD') return;
  if (type.startsWith('text/html')) {
    expect(isPage(path), `HTML error for ${method} ${path}`).toBe(true);
    return;
  }
  expect(type, `${method} ${path} → ${res.status} ${text.slice(0, 200)}`).toContain('application/json');
  const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof parsed.error?.code).toBe('string');
  expect(typeof parsed.error?.message).toBe('string');
  expect(Object.keys(ERROR_CODES)).toContain(parsed.error!.code);
}

/** Sends one request in process and checks it. */
async function probe(method: string, path: string, init: { body?: BodyInit; type?: string; origin?: string } = {}): Promise<void> {
  const headers: Record<string, string> = {};
  if (init.type !== undefined) headers['Content-Type'] = init.type;
  if (init.origin !== undefined) headers.Origin = init.origin;
  const res = await within(Promise.resolve(app.request(path, { method, headers, body: init.body ?? null })), REQUEST_TIMEOUT_MS, `${method} ${path}`);
  await checkResponse(res, method, path);
}

describe('fuzzing the endpoints in process', () => {
  it('GET /api/search with any q and k', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(queryValue, { nil: undefined }), fc.option(kValue, { nil: undefined }), fc.boolean(), async (q, k, twice) => {
        const params = [q === undefined ? '' : `q=${q}`, k === undefined ? '' : `k=${k}`, twice && q !== undefined ? `q=${q}` : ''].filter(Boolean);
        await probe('GET', `/api/search?${params.join('&')}`);
      }),
      { numRuns: 400 },
    );
  });

  it('POST /api/ask with any body, content type and origin', async () => {
    await fc.assert(
      fc.asyncProperty(body, contentType, origin, async (b, type, from) => {
        await probe('POST', '/api/ask', { body: b, type, origin: from });
      }),
      { numRuns: 250 },
    );
  });

  it('POST /api/ask and /api/ask/stream with any question string as JSON, reading the whole stream', async () => {
    const question = fc.oneof(
      nastyString(1001),
      nastyString(40),
      fc.constantFrom('hvordan hjælper man hjemløse unge?', 'Hvem kan jeg kontakte om Læsehestene?'),
    );
    await fc.assert(
      fc.asyncProperty(question, fc.option(nastyString(101), { nil: undefined }), async (q, conversationId) => {
        await probe('POST', '/api/ask', { body: JSON.stringify({ question: q, conversationId }), type: 'application/json' });
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(question, async (q) => {
        await probe('POST', '/api/ask/stream', { body: JSON.stringify({ question: q }), type: 'application/json; charset=utf-8' });
      }),
      { numRuns: 30 },
    );
  });

  it('POST /api/ask/stream with any body and content type, reading the whole stream', async () => {
    await fc.assert(
      fc.asyncProperty(body, contentType, async (b, type) => {
        await probe('POST', '/api/ask/stream', { body: b, type });
      }),
      { numRuns: 60 },
    );
  });

  it('GET /api/cases/:id with any id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(queryValue, fc.constantFrom('laesehestene', '..', '%2e%2e', '.', 'LAESEHESTENE', 'a'.repeat(121), 'a'.repeat(5000))),
        async (id) => {
          await probe('GET', `/api/cases/${id}`);
          await probe('GET', `/cases/${id}`);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('GET /api/contacts with any q', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(queryValue, { nil: undefined }), async (q) => {
        await probe('GET', q === undefined ? '/api/contacts' : `/api/contacts?q=${q}`);
      }),
      { numRuns: 250 },
    );
  });

  it('any method on any path', async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        'api',
        'ask',
        'stream',
        'cases',
        'search',
        'contacts',
        'metrics',
        'healthz',
        'widget.js',
        'docs',
        'openapi.json',
        'laesehestene',
        '..',
        '.',
        '%2e%2e',
        '',
        '%00',
        '*',
      ),
      nastyString(30).map((s) => percentBytes(utf8(s))),
    );
    const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND', 'FOO');
    await fc.assert(
      fc.asyncProperty(
        method,
        fc.array(segment, { maxLength: 5 }),
        fc.option(queryValue, { nil: undefined }),
        fc.option(body, { nil: undefined }),
        contentType,
        origin,
        async (m, segs, q, b, type, from) => {
          const path = `/${segs.join('/')}${q === undefined ? '' : `?q=${q}`}`;
          await probe(m, path, { body: m === 'GET' || m === 'HEAD' ? undefined : b, type, origin: from });
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** Response of a raw exchange: the status of the first response (null when none came) and all bytes read. */
interface RawResult {
  status: number | null;
  text: string;
}

/**
 * Writes `parts` to a fresh connection (pausing `pauseMs` between parts), then reads until the
 * server closes, `waitMs` pass, or — with `firstResponse` — a whole status line arrived.
 */
function raw(port: number, parts: Array<string | Buffer>, options: { pauseMs?: number; waitMs?: number; end?: boolean } = {}): Promise<RawResult> {
  const { pauseMs = 0, waitMs = 2_000, end = false } = options;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : null, text });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (d) => chunks.push(d));
    socket.on('close', finish);
    // the server may answer (413) and close while we are still writing: not a failure of the test
    socket.on('error', () => {});
    socket.on('connect', async () => {
      for (const p of parts) {
        if (socket.destroyed) return;
        socket.write(p);
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      }
      if (end && !socket.destroyed) socket.end();
    });
  });
}

describe('hostile HTTP against a real server', () => {
  let server: ReturnType<typeof serve>;
  let port: number;

  beforeAll(async () => {
    const real = await testApp();
    await new Promise<void>((resolve) => {
      server = serve({ fetch: real.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        port = info.port;
        resolve();
      });
    });
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      server.close(() => resolve());
    });
  });

  const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;
  const junk = (n: number) => Buffer.alloc(n, 0x61);

  it('survives a batch of hostile requests and still answers /healthz with 200', async () => {
    const big = MAX_BODY_BYTES * 4;
    const chunked = Array.from({ length: 8 }, () => `2000\r\n${'a'.repeat(0x2000)}\r\n`);
    const results = await Promise.all([
      // a declared body of 100 MB: refused from the header, before it is sent
      raw(port, [head(['POST /api/ask HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Content-Length: 100000000']), junk(64 * 1024)]),
      // an oversized chunked body: refused as it streams in
      raw(port, [head(['POST /api/ask HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Transfer-Encoding: chunked']), ...chunked, '0\r\n\r\n']),
      // an oversized body with an honest Content-Length
      raw(port, [
        head(['POST /api/ask/stream HTTP/1.1', 'Host: x', 'Content-Type: application/json', `Content-Length: ${big}`, 'Connection: close']),
        junk(big),
      ]),
      // invalid JSON
      raw(port, [head(['POST /api/ask HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Content-Length: 12', 'Connection: close']) + '{"question":']),
      // invalid UTF-8 and a NUL inside a JSON string
      raw(port, [
        Buffer.concat([
          Buffer.from(head(['POST /api/ask HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Content-Length: 20', 'Connection: close'])),
          Buffer.from('{"question":"'),
          Buffer.from([0xed, 0xa0, 0x80, 0xff, 0x00]),
          Buffer.from('"}'),
        ]),
      ]),
      // a body shorter than declared, then the client gives up writing
      raw(port, [head(['POST /api/ask HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Content-Length: 100']) + '{"questi'], {
        end: true,
        waitMs: 1_000,
      }),
      // not HTTP at all
      raw(port, ['GARBAGE\r\n\r\n']),
      raw(port, [Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x01, 0x00, 0x00, 0x00])]),
      // a header of 32 KiB
      raw(port, [head(['GET /api/search?q=unge HTTP/1.1', 'Host: x', `X-Junk: ${'a'.repeat(32 * 1024)}`])]),
      // request smuggling shape: Content-Length and Transfer-Encoding together
      raw(port, [
        head(['POST /api/ask HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Content-Length: 4', 'Transfer-Encoding: chunked']) + '0\r\n\r\n',
      ]),
      // a NUL in the request target
      raw(port, ['GET /api/cases/\u0000 HTTP/1.1\r\nHost: x\r\n\r\n']),
      // junk sent slowly, a few bytes at a time
      raw(port, ['POST /api/ask HTTP/1.1\r\n', 'Host: x\r\n', 'Content-Type: application/json\r\n', 'Content-Length: 9\r\n\r\n', '{"q', 'uestion"', '\x00'], {
        pauseMs: 50,
      }),
      // fifty pipelined searches on one connection
      raw(port, [Array.from({ length: 50 }, (_, i) => `GET /api/search?q=unge&k=${(i % 50) + 1} HTTP/1.1\r\nHost: x\r\n\r\n`).join('')], { waitMs: 3_000 }),
    ]);
    const [declared, streamed, honest, invalidJson, invalidUtf8, short, garbage, tls, hugeHeader, smuggle, nul, slow, pipelined] = results;
    expect(declared!.status).toBe(413);
    expect(declared!.text).toContain('"code":"PAYLOAD_TOO_LARGE"');
    expect(streamed!.status).toBe(413);
    expect(honest!.status).toBe(413);
    expect(invalidJson!.status).toBe(400);
    expect(invalidJson!.text).toContain('"code":"BAD_REQUEST"');
    expect([200, 400]).toContain(invalidUtf8!.status);
    expect(short!.status === null || short!.status < 500).toBe(true);
    expect(garbage!.status).toBe(400);
    expect(tls!.status === null || tls!.status === 400).toBe(true);
    expect(hugeHeader!.status).toBe(431);
    expect(smuggle!.status).toBe(400);
    expect(nul!.status).toBe(400);
    expect(slow!.status).toBe(400);
    // a body does not end in a newline: the next status line follows it directly
    expect(pipelined!.text.match(/HTTP\/1\.1 200 /g)).toHaveLength(50);
    for (const r of results) expect(r.text).not.toMatch(/HTTP\/1\.1 5\d\d /);

    const health = await within(fetch(`http://127.0.0.1:${port}/healthz`));
    expect(health.status).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe('ok');
    const search = await within(fetch(`http://127.0.0.1:${port}/api/search?q=unge`));
    expect(search.status).toBe(200);
  });

  it('answers fifty concurrent invalid and oversized posts, then /healthz', async () => {
    const posts = Array.from({ length: 50 }, (_, i) =>
      within(
        fetch(`http://127.0.0.1:${port}/api/ask`, {
          method: 'POST',
          headers: { 'Content-Type': i % 2 ? 'application/json' : 'text/plain' },
          body: i % 5 === 0 ? 'x'.repeat(MAX_BODY_BYTES + 1) : `{"question": ${'['.repeat(i * 100)}`,
        }),
      ),
    );
    const statuses = await Promise.all(posts.map(async (p) => (await p).status));
    for (const [i, s] of statuses.entries()) expect(s).toBe(i % 5 === 0 ? 413 : i % 2 ? 400 : 415);
    expect((await within(fetch(`http://127.0.0.1:${port}/healthz`))).status).toBe(200);
  });
});
