import { randomUUID } from 'node:crypto';

/** Conversations as the answerer sees them: an opaque JSON state per id, with expiry. */
export interface ConversationStore {
  /**
   * The state saved for `id`, or a fresh id with `state: null` when no id is given or it is unknown
   * or expired (`replaced` is true when an id was given but not found, so the answer can say a new
   * conversation started).
   */
  resolve(id: string | undefined): Promise<{ id: string; state: unknown | null; replaced: boolean }>;
  /** Saves the state after a turn and pushes the expiry forward. */
  save(id: string, state: unknown): Promise<void>;
}

/** In-memory conversation options. */
export interface MemoryConversationOptions {
  /** Idle time after which a conversation is forgotten, in ms. Default 30 minutes. */
  ttlMs: number;
  /** Most conversations kept; the least recently used go first. Default 10 000. */
  maxConversations: number;
}

export const defaultMemoryConversationOptions: MemoryConversationOptions = { ttlMs: 30 * 60 * 1000, maxConversations: 10_000 };

/** Conversations in this process's memory, bounded in time and number. */
export class MemoryConversations implements ConversationStore {
  private readonly map = new Map<string, { state: unknown; lastSeen: number }>();
  readonly options: MemoryConversationOptions;

  constructor(options: Partial<MemoryConversationOptions> = {}, private readonly now: () => number = Date.now) {
    this.options = { ...defaultMemoryConversationOptions, ...options };
  }

  get size(): number {
    return this.map.size;
  }

  async resolve(id: string | undefined): Promise<{ id: string; state: unknown | null; replaced: boolean }> {
    this.sweep();
    const found = id === undefined ? undefined : this.map.get(id);
    if (id !== undefined && found) {
      this.touch(id, found.state);
      return { id, state: found.state, replaced: false };
    }
    const fresh = randomUUID();
    this.touch(fresh, null);
    return { id: fresh, state: null, replaced: id !== undefined };
  }

  async save(id: string, state: unknown): Promise<void> {
    this.touch(id, state);
  }

  /** Stores and moves the conversation to the end: Map order is the order of last activity, which sweep and eviction rely on. */
  private touch(id: string, state: unknown): void {
    this.map.delete(id);
    this.map.set(id, { state, lastSeen: this.now() });
    while (this.map.size > this.options.maxConversations) this.map.delete(this.map.keys().next().value!);
  }

  private sweep(): void {
    const cutoff = this.now() - this.options.ttlMs;
    for (const [id, c] of this.map) {
      if (c.lastSeen >= cutoff) break; // oldest first
      this.map.delete(id);
    }
  }
}
