import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One real index (corpus-trained model, HNSW, BM25) is built for all tests.
    globalSetup: ['test/setup/global.ts'],
    // Browser tests (test/browser/) start servers and headless Chromium: give them time.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
