import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/app.js';
import { errorOf, post } from '../../../test/http.js';
import { MAX_BODY_BYTES } from './body-limit.js';

describe('apiBodyLimit', () => {
  it(`answers a body over ${MAX_BODY_BYTES} bytes with a JSON 413 PAYLOAD_TOO_LARGE`, async () => {
    const app = await testApp();
    const body = JSON.stringify({ question: 'a'.repeat(MAX_BODY_BYTES) });
    const res = await post(app, '/api/ask', body);
    expect(res.status).toBe(413);
    const err = await errorOf(res);
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toBe(`the request body is larger than ${MAX_BODY_BYTES} bytes`);
  });

  it('reads a body of exactly 16 KiB (and then rejects the over-long question with 400)', async () => {
    const app = await testApp();
    const filler = MAX_BODY_BYTES - JSON.stringify({ question: '' }).length;
    const body = JSON.stringify({ question: 'a'.repeat(filler) });
    expect(new TextEncoder().encode(body).length).toBe(16 * 1024);
    const res = await post(app, '/api/ask', body);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toEqual({ code: 'BAD_REQUEST', message: 'question: question must be at most 1000 characters' });
  });

  it('applies the limit to a declared Content-Length before reading anything', async () => {
    const app = await testApp();
    const res = await app.request('/api/ask/stream', {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(MAX_BODY_BYTES + 1) },
    });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('PAYLOAD_TOO_LARGE');
  });
});
