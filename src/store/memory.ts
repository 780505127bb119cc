import { randomUUID } from 'node:crypto';
import type { ConversationPart } from './types.js';

/** Options of the in-memory conversations. */
export interface MemoryConversationOptions {
  /** Idle time after which a conversation is forgotten, ms. Default 30 minutes. */
  ttlMs: number;
  /** Most conversations kept; the least recently used go first. Default 10 000. */
  maxConversations: number;
  /** The clock. Default `Date.now`. */
  now: () => number;
}

/** The defaults of `MemoryConversationOptions`: 30 minutes, 10 000 conversations, the system clock. */
export const defaultMemoryConversationOptions: MemoryConversationOptions = { ttlMs: 30 * 60 * 1000, maxConversations: 10_000, now: Date.now };

/**
 * Conversations in this process's memory (`CONVERSATIONS=memory`), bounded in time and number: a
 * restart forgets them, and replicas need sticky routing. States are kept as JSON text, so they
 * behave exactly as in a database (a state changed after `save` is not changed in the store).
 */
export function memoryConversations(options: Partial<MemoryConversationOptions> = {}): ConversationPart & { readonly size: number } {
  const o = { ...defaultMemoryConversationOptions, ...options };
  // Map order is the order of last activity: the sweep and the eviction take the oldest first
  const map = new Map<string, { state: string; lastSeen: number }>();

  const sweep = () => {
    const cutoff = o.now() - o.ttlMs;
    let removed = 0;
    for (const [id, c] of map) {
      if (c.lastSeen >= cutoff) break;
      map.delete(id);
      removed++;
    }
    return removed;
  };

  return {
    get size() {
      return map.size;
    },
    async resolve(id) {
      sweep();
      const key = id?.toLowerCase();
      const found = key === undefined ? undefined : map.get(key);
      if (key === undefined || !found) return { id: randomUUID(), state: null, replaced: id !== undefined };
      map.delete(key);
      found.lastSeen = o.now();
      map.set(key, found);
      return { id: key, state: JSON.parse(found.state) as unknown, replaced: false };
    },
    async save(id, state) {
      map.delete(id);
      map.set(id, { state: JSON.stringify(state), lastSeen: o.now() });
      while (map.size > o.maxConversations) map.delete(map.keys().next().value!);
    },
    async remove(id) {
      return map.delete(id.toLowerCase());
    },
    async sweep() {
      return sweep();
    },
  };
}
