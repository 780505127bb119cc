import { describe, expect, it } from 'vitest';
import { ConversationStore, defaultConversationOptions, type Turn } from '../src/answer/conversation.js';

/** A clock the test moves by hand. */
function manualClock(start = 0) {
  let t = start;
  return { now: () => t, set: (ms: number) => void (t = ms) };
}

function turn(question: string): Turn {
  return { question, searched: question, intent: 'topic', caseIds: [] };
}

describe('ConversationStore', () => {
  it('defaults to 30 minutes, 10 000 conversations and 20 turns', () => {
    expect(new ConversationStore().options).toEqual({ ttlMs: 1_800_000, maxConversations: 10_000, maxTurns: 20 });
    expect(defaultConversationOptions).toEqual({ ttlMs: 1_800_000, maxConversations: 10_000, maxTurns: 20 });
  });

  it('starts a new conversation without replacing anything when no id is given', () => {
    const store = new ConversationStore({}, manualClock().now);
    const { conversation, replaced } = store.resolve(undefined);
    expect(replaced).toBe(false);
    expect(conversation.turns).toEqual([]);
    expect(store.size).toBe(1);
  });

  it('replaces an unknown id with a new conversation', () => {
    const store = new ConversationStore({}, manualClock().now);
    const { conversation, replaced } = store.resolve('never-seen');
    expect(replaced).toBe(true);
    expect(conversation.id).not.toBe('never-seen');
  });

  it('keeps a conversation idle for exactly the TTL and forgets it one millisecond later', () => {
    const clock = manualClock();
    const store = new ConversationStore({ ttlMs: 1000 }, clock.now);
    const first = store.resolve(undefined).conversation;

    clock.set(1000);
    expect(store.resolve(first.id)).toEqual({ conversation: first, replaced: false });

    clock.set(2001);
    const again = store.resolve(first.id);
    expect(again.replaced).toBe(true);
    expect(again.conversation.id).not.toBe(first.id);
    expect(again.conversation.turns).toEqual([]);
    expect(store.size).toBe(1);
  });

  it('counts a recorded turn as activity', () => {
    const clock = manualClock();
    const store = new ConversationStore({ ttlMs: 1000 }, clock.now);
    const c = store.resolve(undefined).conversation;
    clock.set(800);
    store.record(c, turn('Hvem kan jeg kontakte om Læsehestene?'));
    clock.set(1700);
    expect(store.resolve(c.id).replaced).toBe(false);
  });

  it('evicts the least recently used conversation beyond maxConversations', () => {
    const clock = manualClock();
    const store = new ConversationStore({ maxConversations: 3 }, clock.now);
    const a = store.resolve(undefined).conversation;
    clock.set(1);
    const b = store.resolve(undefined).conversation;
    clock.set(2);
    const c = store.resolve(undefined).conversation;
    clock.set(3);
    expect(store.resolve(a.id).replaced).toBe(false); // a is now more recent than b
    clock.set(4);
    const d = store.resolve(undefined).conversation;
    expect(store.size).toBe(3);

    for (const kept of [a, c, d]) expect(store.resolve(kept.id)).toEqual({ conversation: kept, replaced: false });
    const lost = store.resolve(b.id);
    expect(lost.replaced).toBe(true);
    expect(lost.conversation.id).not.toBe(b.id);
    expect(store.size).toBe(3);
  });

  it('keeps the last maxTurns turns of a conversation', () => {
    const store = new ConversationStore({ maxTurns: 3 }, manualClock().now);
    const c = store.resolve(undefined).conversation;
    for (const q of ['1', '2', '3', '4', '5']) store.record(c, turn(q));
    expect(c.turns.map((t) => t.question)).toEqual(['3', '4', '5']);
    expect(store.resolve(c.id).conversation.turns.map((t) => t.question)).toEqual(['3', '4', '5']);
  });

  // two overlapping requests: a conversation resolved earlier and recorded later must not shield an expired one
  it('forgets an expired conversation even when an older entry was active more recently', () => {
    const clock = manualClock();
    const store = new ConversationStore({ ttlMs: 10 }, clock.now);
    const a = store.resolve(undefined).conversation;
    clock.set(1);
    const b = store.resolve(undefined).conversation;
    clock.set(2);
    store.record(a, turn('Hvem kan jeg kontakte om Læsehestene?'));
    clock.set(12); // b idle 11 ms > ttl 10, a idle 10 ms
    expect(store.resolve(b.id).replaced).toBe(true);
  });
});
