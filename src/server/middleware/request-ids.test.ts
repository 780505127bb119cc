import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestIds', () => {
  it('gives each request a fresh UUID in X-Request-Id', async () => {
    const app = await testApp();
    const a = (await app.request('/healthz')).headers.get('x-request-id')!;
    const b = (await app.request('/healthz')).headers.get('x-request-id')!;
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });

  it("echoes a proxy's short safe X-Request-Id", async () => {
    const app = await testApp();
    const res = await app.request('/api/cases', { headers: { 'X-Request-Id': 'edge-7f3a_91=' } });
    expect(res.headers.get('x-request-id')).toBe('edge-7f3a_91=');
  });

  it.each([
    ['a space', 'abc def'],
    ['markup', '<script>'],
    ['a newline escape', 'a%0Ab'],
    ['65 characters', 'a'.repeat(65)],
  ])('replaces an incoming X-Request-Id with %s by a UUID', async (_what, id) => {
    const app = await testApp();
    const res = await app.request('/api/cases', { headers: { 'X-Request-Id': id } });
    expect(res.headers.get('x-request-id')).toMatch(UUID);
  });
});
