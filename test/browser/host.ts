/**
 * A static "intranet" site on its own loopback port that embeds the widget the way a
 * customer would: `<script src="{api}/widget.js" defer data-…>` under a strict CSP
 * (`default-src 'self' {api}; script-src {api} 'self'`, no 'unsafe-inline'), optionally
 * with hostile page CSS that tries to restyle everything.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml } from '../../src/server/pages.js';
import type { RunningServer } from './servers.js';

/** Host page CSS that a careless intranet theme might ship; the widget must not change. */
export const AGGRESSIVE_CSS = `* {
  all: unset !important; font-size: 40px !important; letter-spacing: 4px !important;
  text-transform: uppercase !important; word-spacing: 10px !important; cursor: crosshair !important;
}
button, a, div, section, span { color: #ff00ff !important; background: #00ff00 !important; line-height: 3 !important; }
html { zoom: 1; font-family: "Comic Sans MS", cursive !important; }
`;
const CLEAN_CSS = `body { margin: 0; padding: 24px; font-family: Georgia, serif; }
`;

export interface HostOptions {
  /** The API origin; a function because the API may start after the host. */
  api: () => string;
  /** Serve AGGRESSIVE_CSS instead of a plain theme. */
  aggressive: boolean;
}

/**
 * The page: a link first (so keyboard tests have something to Tab past), some text, and the
 * embed snippet. Query parameters become data-* attributes of the script tag
 * (`?lang=en&position=bottom-left`); `?twice=1` includes the script twice.
 */
function hostPage(api: string, query: URLSearchParams): string {
  const data: Record<string, string> = {
    title: 'Spørg om cases',
    examples: 'Hvordan hjælper man hjemløse unge?|Hvem kan jeg kontakte om Hjem til Alle?',
  };
  for (const [k, v] of query) if (/^[a-z]+$/.test(k) && k !== 'twice') data[k] = v;
  const attrs = Object.entries(data)
    .map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`)
    .join('');
  const tag = `<script src="${escapeHtml(api)}/widget.js" defer${attrs}></script>`;
  return `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Intranet</title><link rel="stylesheet" href="/host.css"></head>
<body>
<a id="first-link" href="#nyheder">Til nyhederne</a>
<h1>Kommunens intranet</h1>
<p id="nyheder">Velkommen. Her er dagens nyheder fra forvaltningen.</p>
${tag}
${query.get('twice') ? tag : ''}
</body>
</html>
`;
}

/** Starts a host site on a random loopback port. */
export async function startHost(options: HostOptions): Promise<RunningServer> {
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://host.invalid');
    if (u.pathname === '/host.css') {
      res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8' });
      res.end(options.aggressive ? AGGRESSIVE_CSS : CLEAN_CSS);
      return;
    }
    if (u.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (u.pathname !== '/') {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    const api = options.api();
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'self' ${api}; script-src ${api} 'self'`,
    });
    res.end(hostPage(api, u.searchParams));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
