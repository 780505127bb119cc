import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/app.js';
import { errorOf, post, QUESTION } from '../../../test/http.js';

describe('jsonBodies', () => {
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'json'])(
    'answers a POST to /api/ask with Content-Type %s with a JSON 415 UNSUPPORTED_MEDIA_TYPE',
    async (type) => {
      const app = await testApp();
      const res = await post(app, '/api/ask', JSON.stringify({ question: QUESTION }), type);
      expect(res.status).toBe(415);
      const err = await errorOf(res);
      expect(err.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(err.message).toBe(`the request body must be JSON with Content-Type application/json; got Content-Type ${JSON.stringify(type)}`);
    },
  );

  it('answers a body without any Content-Type with 415 on /api/ask/stream too', async () => {
    const app = await testApp();
    const res = await post(app, '/api/ask/stream', new TextEncoder().encode(JSON.stringify({ question: QUESTION })), null);
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'the request body must be JSON with Content-Type application/json; got no Content-Type',
    });
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON'])('answers a question posted as %s', async (type) => {
    const app = await testApp();
    const res = await post(app, '/api/ask', JSON.stringify({ question: QUESTION }), type);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { answer: string }).answer.length).toBeGreaterThan(0);
  });

  it('names the place where a malformed JSON body stops parsing, with a 400 BAD_REQUEST', async () => {
    const app = await testApp();
    const res = await post(app, '/api/ask', '{"question": "unge",}');
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/^Malformed JSON in request body: .*position 20/);
  });

  it('answers JSON that is not an object with a 400 BAD_REQUEST, not a 500', async () => {
    const app = await testApp();
    for (const body of ['null', '[]', '"unge"', '5', '[['.repeat(2000) + ']]'.repeat(2000)]) {
      const res = await post(app, '/api/ask', body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('BAD_REQUEST');
    }
  });
});
