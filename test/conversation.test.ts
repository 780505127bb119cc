import { describe, expect, it } from 'vitest';
import { emptyState, nextState, readState } from '../src/answer/state.js';
import { defaultMemoryConversationOptions, memoryConversations } from '../src/store/memory.js';

/** A clock the test moves by hand. */
function manualClock(start = 0) {
  let t = start;
  return { now: () => t, set: (ms: number) => void (t = ms) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('memoryConversations', () => {
  it('defaults to 30 minutes and 10 000 conversations', () => {
    expect({ ttlMs: defaultMemoryConversationOptions.ttlMs, maxConversations: defaultMemoryConversationOptions.maxConversations }).toEqual({
      ttlMs: 1_800_000,
      maxConversations: 10_000,
    });
  });

  it('starts a new conversation with a UUID and no state, replacing nothing, when no id is given', async () => {
    const store = memoryConversations({ now: manualClock().now });
    const fresh = await store.resolve(undefined);
    expect(fresh.id).toMatch(UUID);
    expect(fresh.state).toBeNull();
    expect(fresh.replaced).toBe(false);
    // nothing is kept until a turn is saved
    expect(store.size).toBe(0);
  });

  it('replaces an unknown id with a new conversation', async () => {
    const store = memoryConversations({ now: manualClock().now });
    const { id, replaced, state } = await store.resolve('never-seen');
    expect(replaced).toBe(true);
    expect(state).toBeNull();
    expect(id).not.toBe('never-seen');
  });

  it('keeps a conversation idle for exactly the TTL and forgets it one millisecond later', async () => {
    const clock = manualClock();
    const store = memoryConversations({ ttlMs: 1000, now: clock.now });
    const { id } = await store.resolve(undefined);
    await store.save(id, { n: 'a' });

    clock.set(1000);
    expect(await store.resolve(id)).toEqual({ id, state: { n: 'a' }, replaced: false });

    clock.set(2001);
    const again = await store.resolve(id);
    expect(again.replaced).toBe(true);
    expect(again.id).not.toBe(id);
    expect(again.state).toBeNull();
    expect(store.size).toBe(0);
  });

  it('counts a saved turn as activity', async () => {
    const clock = manualClock();
    const store = memoryConversations({ ttlMs: 1000, now: clock.now });
    const { id } = await store.resolve(undefined);
    await store.save(id, { n: '' });
    clock.set(800);
    await store.save(id, { n: 'Hvem kan jeg kontakte om Læsehestene?' });
    clock.set(1700);
    expect((await store.resolve(id)).replaced).toBe(false);
  });

  it('evicts the least recently used conversation beyond maxConversations', async () => {
    const clock = manualClock();
    const store = memoryConversations({ maxConversations: 3, now: clock.now });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      clock.set(i);
      const { id } = await store.resolve(undefined);
      await store.save(id, { n: String(i) });
      ids.push(id);
    }
    const [a, b, c] = ids;
    clock.set(3);
    expect((await store.resolve(a)).replaced).toBe(false); // a is now more recent than b
    clock.set(4);
    const d = (await store.resolve(undefined)).id;
    await store.save(d, { n: '' });
    expect(store.size).toBe(3);

    for (const kept of [a, c, d]) expect((await store.resolve(kept)).replaced).toBe(false);
    const lost = await store.resolve(b);
    expect(lost.replaced).toBe(true);
    expect(lost.id).not.toBe(b);
  });

  it('gives back the state as it was saved, not as it was changed afterwards', async () => {
    const store = memoryConversations({ now: manualClock().now });
    const { id } = await store.resolve(undefined);
    const state = { n: 'a' };
    await store.save(id, state);
    state.n = 'b';
    expect((await store.resolve(id)).state).toEqual({ n: 'a' });
  });

  // two overlapping requests: a conversation resolved earlier and saved later must not shield an expired one
  it('forgets an expired conversation even when an older entry was active more recently', async () => {
    const clock = manualClock();
    const store = memoryConversations({ ttlMs: 10, now: clock.now });
    const a = (await store.resolve(undefined)).id;
    await store.save(a, { n: '' });
    clock.set(1);
    const b = (await store.resolve(undefined)).id;
    await store.save(b, { n: '' });
    clock.set(2);
    await store.save(a, { n: 'Hvem kan jeg kontakte om Læsehestene?' });
    clock.set(12); // b idle 11 ms > ttl 10, a idle 10 ms
    expect((await store.resolve(b)).replaced).toBe(true);
    expect((await store.resolve(a)).replaced).toBe(false);
  });

  it('removes a conversation on request, and sweeps the expired ones', async () => {
    const clock = manualClock();
    const store = memoryConversations({ ttlMs: 10, now: clock.now });
    const a = (await store.resolve(undefined)).id;
    const b = (await store.resolve(undefined)).id;
    await store.save(a, { n: '' });
    await store.save(b, { n: '' });
    expect(await store.remove(a)).toBe(true);
    expect(await store.remove(a)).toBe(false);
    clock.set(11);
    expect(await store.sweep()).toBe(1);
    expect(store.size).toBe(0);
  });
});

describe('dialogue state', () => {
  it('remembers the cases answered about, the last list of two or more and every case seen but the others of a list left', () => {
    const one = nextState(emptyState(), {
      cases: ['a', 'b', 'c'],
      list: true,
      answerType: 'topic',
      topic: 'hjemløse unge',
      words: ['hjemløse', 'unge'],
      said: [],
    });
    expect(one).toEqual({
      v: 1,
      focus: ['a', 'b', 'c'],
      shown: ['a', 'b', 'c'],
      seen: ['a', 'b', 'c'],
      lastType: 'topic',
      topic: 'hjemløse unge',
      words: ['hjemløse', 'unge'],
      said: [],
      turns: 1,
    });
    const two = nextState(one, { cases: ['b'], list: false, answerType: 'money', topic: null, words: [], said: [] });
    expect(two).toEqual({
      v: 1,
      focus: ['b'],
      shown: ['a', 'b', 'c'],
      // the asker left the list for one of its cases: a request for similar cases may bring the others again
      seen: ['b'],
      lastType: 'money',
      topic: 'hjemløse unge',
      words: ['hjemløse', 'unge'],
      said: [],
      turns: 2,
    });
    // a list of one case on a new topic replaces the list: the one before belongs to the earlier topic
    const three = nextState(two, { cases: ['d'], list: true, answerType: 'topic', topic: 'botilbud', words: ['botilbud'], said: [] });
    expect([three.focus, three.shown, three.seen]).toEqual([['d'], [], ['d', 'b']]);
    // a list of similar cases and then one of them: the cases followed before stay seen, the others of the new list do not
    const four = nextState(three, { cases: ['e', 'f'], list: true, answerType: 'topic', topic: null, words: [], said: [] });
    const five = nextState(four, { cases: ['f'], list: false, answerType: 'person', topic: null, words: [], said: [] });
    expect([four.seen, five.seen]).toEqual([
      ['e', 'f', 'd', 'b'],
      ['f', 'd', 'b'],
    ]);
    // a case asked about outside the list leaves nothing of it
    expect(nextState(four, { cases: ['g'], list: false, answerType: 'person', topic: null, words: [], said: [] }).seen).toEqual(['g', 'e', 'f', 'd', 'b']);
  });

  it('keeps the others of a list only glanced at after an answer about each of them: the first is the one taken up', () => {
    const one = nextState(emptyState(), { cases: ['a', 'b', 'c'], list: true, answerType: 'topic', topic: 't', words: ['t'], said: [] });
    const two = nextState(one, { cases: ['a', 'b', 'c'], list: false, each: true, answerType: 'person', topic: null, words: [], said: [] });
    expect([two.focus, two.shown, two.seen]).toEqual([['a', 'b', 'c'], ['a', 'b', 'c'], ['a']]);
  });

  it('keeps the cases discussed when a turn found nothing', () => {
    const one = nextState(emptyState(), { cases: ['a'], list: false, answerType: 'person', topic: 'x', words: ['x'], said: [] });
    expect(nextState(one, { cases: [], list: false, answerType: 'topic', topic: 'y', words: ['y'], said: [] })).toEqual({ ...one, words: ['y'], turns: 2 });
  });

  it('leaves the cases discussed when a switch to a new topic found nothing', () => {
    const one = nextState(emptyState(), { cases: ['a'], list: false, answerType: 'person', topic: 'x', words: ['x'], said: [] });
    const left = nextState(one, { cases: [], list: false, answerType: 'topic', topic: 'y', words: ['y'], said: [], leaves: true });
    expect([left.focus, left.topic, left.seen, left.turns]).toEqual([[], null, ['a'], 2]);
  });

  it('reads back only a valid state, without the cases a re-index removed', () => {
    const saved = JSON.parse(
      JSON.stringify(nextState(emptyState(), { cases: ['a', 'gone'], list: true, answerType: 'topic', topic: 't', words: ['t'], said: [] })),
    );
    expect(readState(saved, (id) => id !== 'gone')).toEqual({
      v: 1,
      focus: ['a'],
      shown: ['a'],
      seen: ['a'],
      lastType: 'topic',
      topic: 't',
      words: ['t'],
      said: [],
      turns: 1,
    });
    expect(readState({ turns: [] }, () => true)).toBeNull();
    expect(readState(null, () => true)).toBeNull();
  });
});
