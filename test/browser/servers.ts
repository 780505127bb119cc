/**
 * The servers the browser tests run against: the real casechat app (real index, real
 * corpus-trained model) on a loopback port, and static host pages acting as the intranet.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { registerInsights } from '../../src/server/insights.js';
import type { Store } from '../../src/store/types.js';
import { testApp, testEngine } from '../app.js';

export { startHost } from './host.js';

/** A server listening on a loopback port. */
export interface RunningServer {
  /** Origin, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

/** What the tests need the API to be configured with. */
export interface ApiOptions {
  /** Origins (besides the API's own) whose pages may call the API; others get 403 ORIGIN_NOT_ALLOWED. */
  allowedOrigins: string[];
  /** The question log and feedback; with `adminToken`, the admin API over it too. Default: none. */
  store?: Store;
  adminToken?: string;
}

/** Starts the real casechat app (API, pages, widget) on a free loopback port. */
export async function startApi(options: ApiOptions): Promise<RunningServer> {
  const app = await testApp(options.allowedOrigins, 0, { store: options.store });
  if (options.store) {
    const engine = await testEngine();
    registerInsights(app, options.store, options.adminToken, (id) => engine.caseById.get(id)?.title ?? null);
  }
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
