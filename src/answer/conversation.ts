import { randomUUID } from 'node:crypto';
import type { IntentKind } from './intents.js';

/** One question and what it was answered with. */
export interface Turn {
  question: string;
  /** The question as searched (resolved against earlier turns). */
  searched: string;
  intent: IntentKind;
  /** Cases the answer was about, most relevant first. */
  caseIds: string[];
}

export interface Conversation {
  id: string;
  turns: Turn[];
  lastSeen: number;
}

/** Conversation store options. */
export interface ConversationOptions {
  /** Idle time after which a conversation is forgotten, in ms. Default 30 minutes. */
  ttlMs: number;
  /** Most conversations kept; the least recently used go first. Default 10 000. */
  maxConversations: number;
  /** Turns kept per conversation. Default 20. */
  maxTurns: number;
}

export const defaultConversationOptions: ConversationOptions = { ttlMs: 30 * 60 * 1000, maxConversations: 10_000, maxTurns: 20 };

/** In-memory conversations keyed by id, bounded in time and number. */
export class ConversationStore {
  private readonly map = new Map<string, Conversation>();
  readonly options: ConversationOptions;

  constructor(options: Partial<ConversationOptions> = {}, private readonly now: () => number = Date.now) {
    this.options = { ...defaultConversationOptions, ...options };
  }

  get size(): number {
    return this.map.size;
  }

  /**
   * The conversation for `id`, or a new one. `replaced` is true when an id was given but is
   * unknown or expired, so the answer can say a new conversation was started.
   */
  resolve(id: string | undefined): { conversation: Conversation; replaced: boolean } {
    this.sweep();
    const found = id ? this.map.get(id) : undefined;
    if (found) {
      // re-insert: Map order is the eviction order
      this.map.delete(found.id);
      found.lastSeen = this.now();
      this.map.set(found.id, found);
      return { conversation: found, replaced: false };
    }
    const conversation: Conversation = { id: randomUUID(), turns: [], lastSeen: this.now() };
    this.map.set(conversation.id, conversation);
    while (this.map.size > this.options.maxConversations) this.map.delete(this.map.keys().next().value!);
    return { conversation, replaced: id !== undefined };
  }

  /** Records a turn (keeping at most maxTurns). */
  record(conversation: Conversation, turn: Turn): void {
    conversation.turns.push(turn);
    if (conversation.turns.length > this.options.maxTurns) conversation.turns.shift();
    conversation.lastSeen = this.now();
    // keep the map in order of last activity: sweep() and eviction rely on it
    if (this.map.delete(conversation.id)) this.map.set(conversation.id, conversation);
  }

  private sweep(): void {
    const cutoff = this.now() - this.options.ttlMs;
    for (const [id, c] of this.map) {
      if (c.lastSeen >= cutoff) break; // oldest first
      this.map.delete(id);
    }
  }
}
