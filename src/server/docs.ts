import type { OpenAPIHono } from '@hono/zod-openapi';
import { escapeHtml, layout } from './pages.js';

/**
 * `GET /docs`: the API description for people, rendered from the same OpenAPI document as
 * /openapi.json (no external assets), in English like the document: every endpoint with its
 * parameters, an example request (curl) and an example response.
 */

type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

/** What the page reads of an operation of the document. */
interface Operation {
  summary?: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: { example?: unknown } }>;
  requestBody?: { content?: Record<string, { example?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { example?: unknown }> }>;
}

/** The refusals every API endpoint may answer with, besides those it lists. */
const ERRORS: Array<[number, string, string]> = [
  [400, 'BAD_REQUEST', 'a parameter or the body is invalid; the message names it'],
  [401, 'UNAUTHORIZED', 'admin API: missing or wrong token'],
  [403, 'ORIGIN_NOT_ALLOWED', 'a browser page of an origin not in ALLOWED_ORIGINS'],
  [403, 'ADMIN_DISABLED', 'admin API: ADMIN_TOKEN is not set'],
  [404, 'NOT_FOUND', 'no such path or case'],
  [405, 'METHOD_NOT_ALLOWED', 'the path answers other methods (listed in Allow)'],
  [409, 'REINDEX_RUNNING', 'admin API: a re-index is already running'],
  [413, 'PAYLOAD_TOO_LARGE', 'a body over 16 KiB'],
  [415, 'UNSUPPORTED_MEDIA_TYPE', 'a POST body that is not JSON'],
  [429, 'RATE_LIMITED', 'too many requests from one client in a minute (see Retry-After)'],
  [500, 'INTERNAL', 'an error of the server (logged with the request id)'],
];

const anchor = (method: string, path: string) =>
  `${method}-${path}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/-+$/, '');

/** A shell-safe single-quoted string. */
const quoted = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The example request of an operation as a curl command against `origin`. */
export function curlExample(origin: string, method: string, path: string, op: Operation): string {
  let url = path;
  const args: string[] = [];
  for (const p of op.parameters ?? []) {
    const example = p.schema?.example;
    if (example === undefined) continue;
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(String(example)));
    else if (p.in === 'query') args.push(`--data-urlencode ${quoted(`${p.name}=${String(example)}`)}`);
  }
  const parts = ['curl'];
  if (args.length) parts.push('--get', ...args);
  if (method !== 'get') parts.push(`-X ${method.toUpperCase()}`);
  if (op.security?.length) parts.push(`-H 'Authorization: Bearer '"$ADMIN_TOKEN"`);
  const body = Object.values(op.requestBody?.content ?? {})[0]?.example;
  if (body !== undefined) parts.push(`-H 'Content-Type: application/json'`, `-d ${quoted(JSON.stringify(body))}`);
  parts.push(quoted(`${origin}${url}`));
  return parts.length <= 2 ? parts.join(' ') : parts.join(' \\\n  ');
}

/** The example response of an operation: its first success with an example, as status and text. */
function responseExample(op: Operation): { status: string; type: string; text: string } | null {
  for (const [status, r] of Object.entries(op.responses ?? {})) {
    if (!status.startsWith('2')) continue;
    for (const [type, media] of Object.entries(r.content ?? {})) {
      if (media.example === undefined) continue;
      const text = typeof media.example === 'string' ? media.example : JSON.stringify(media.example, null, 2);
      return { status, type, text };
    }
  }
  return null;
}

function operationHtml(origin: string, method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}${p.required ? ', required' : ''}</td><td>${escapeHtml(p.description ?? '')}</td></tr>`,
    )
    .join('');
  const paramsHtml = params
    ? `<h3>Parameters</h3><div class="table-scroll"><table><thead><tr><th>Name</th><th>In</th><th>Meaning</th></tr></thead><tbody>${params}</tbody></table></div>`
    : '';
  const example = responseExample(op);
  const responses = Object.entries(op.responses ?? {})
    .map(([status, r]) => `<li><code>${escapeHtml(status)}</code> ${escapeHtml(r.description ?? '')}</li>`)
    .join('');
  return `<section class="endpoint" id="${anchor(method, path)}">
<h2><span class="method">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h2>
<p>${escapeHtml(op.summary ?? '')}</p>
${paramsHtml}
<h3>Example request</h3>
<pre><code>${escapeHtml(curlExample(origin, method, path, op))}</code></pre>
${example ? `<h3>Example response</h3>\n<pre><code>${escapeHtml(`${example.status} ${example.type}\n\n${example.text}`)}</code></pre>` : ''}
<h3>Responses</h3>
<ul>${responses}</ul>
</section>`;
}

/** The page: what the API is, its error format, a list of endpoints, then each endpoint. */
export function docsPage(doc: OpenApiDocument, origin: string): string {
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ path, method, op })),
  );
  const toc = ops
    .map(
      ({ path, method, op }) =>
        `<li><a href="#${anchor(method, path)}"><code>${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</code></a> – ${escapeHtml(op.summary ?? '')}</li>`,
    )
    .join('\n');
  // a code may break after its underscores, so the table fits a phone
  const breakable = (t: string) => escapeHtml(t).replace(/_/g, '_<wbr>');
  const errors = ERRORS.map(([status, code, when]) => `<tr><td>${status}</td><td><code>${breakable(code)}</code></td><td>${breakable(when)}</td></tr>`).join(
    '',
  );
  const main = `<h1>casechat API</h1>
<p>${escapeHtml(doc.info?.description ?? '')} The complete description (OpenAPI 3.1) is at <a href="/openapi.json">/openapi.json</a>.</p>
<p>Answers (<code>answer</code>) are Markdown of a small fixed kind: paragraphs, <code>- </code> list items,
<code>**bold**</code> and citation markers <code>[n]</code>, which point at <code>citations[n-1]</code>. Render it as text
with those four marks; nothing in it is HTML.</p>
<h2>Errors</h2>
<p>Every refusal is JSON <code>{"error": {"code", "message"}}</code> with a stable code:</p>
<div class="table-scroll"><table><thead><tr><th>Status</th><th>Code</th><th>When</th></tr></thead><tbody>${errors}</tbody></table></div>
<h2>Endpoints</h2>
<ul class="toc">
${toc}
</ul>
${ops.map(({ path, method, op }) => operationHtml(origin, method, path, op)).join('\n')}`;
  return layout('casechat API', main, [], 'en');
}
