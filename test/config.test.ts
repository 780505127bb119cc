import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('config', () => {
  it('defaults to 60 requests a minute, no trusted proxy, no questions in the log, level info', () => {
    expect(loadConfig({})).toMatchObject({ rateLimitPerMinute: 60, trustProxy: 0, logQuestions: false, logLevel: 'info' });
  });

  it('reads RATE_LIMIT_PER_MINUTE, TRUST_PROXY, LOG_QUESTIONS and LOG_LEVEL', () => {
    const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', TRUST_PROXY: '2', LOG_QUESTIONS: 'true', LOG_LEVEL: 'warn' });
    expect(config).toMatchObject({ rateLimitPerMinute: 0, trustProxy: 2, logQuestions: true, logLevel: 'warn' });
  });

  it.each([
    [{ LOG_QUESTIONS: 'yes' }, 'LOG_QUESTIONS: LOG_QUESTIONS must be "true" or "false"'],
    [{ TRUST_PROXY: '-1' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '1.5' }, 'TRUST_PROXY'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ RATE_LIMIT: '100' }, 'RATE_LIMIT was renamed to RATE_LIMIT_PER_MINUTE'],
  ])('refuses %j with INVALID_CONFIG naming it', (env, message) => {
    expect(() => loadConfig(env)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringContaining(message) }));
  });
});
