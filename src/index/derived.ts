import { LexicalIndex } from './bm25.js';
import { QUERY_STOP_WORDS, words } from '../text/analyse.js';
import type { Case, Chunk } from '../types.js';

/**
 * Case-level structures derived from the chunks. The ingest computes them once and stores them
 * in the generation, so loading an index (at start-up, or swapping one in while serving) is
 * reading files, not analysing text.
 */

/** Chunks of each case, in order. */
export function chunksByCase(chunks: Chunk[]): Map<string, Chunk[]> {
  const out = new Map<string, Chunk[]>();
  for (const ch of chunks) {
    let list = out.get(ch.caseId);
    if (!list) out.set(ch.caseId, (list = []));
    list.push(ch);
  }
  return out;
}

/** Full text of each case. */
export function caseTexts(cases: Case[], chunksOfCase: Map<string, Chunk[]>): Map<string, string> {
  return new Map(cases.map((c) => [c.id, (chunksOfCase.get(c.id) ?? []).map((k) => k.text).join('\n')]));
}

/** BM25 over whole cases: title, organisations, section names and the case's text as fields. */
export function caseLexicalOf(cases: Case[], caseText: Map<string, string>): LexicalIndex {
  return LexicalIndex.build(
    cases.map((c) => ({
      id: c.id,
      fields: { title: c.title, orgs: c.organisations.join(', '), section: c.sections.map((s) => s.name).join('. '), body: caseText.get(c.id) ?? '' },
    })),
  );
}

/** The distinct content words of all cases, and which of them (by index) each case holds. */
export interface CaseWords {
  words: string[];
  cases: Record<string, number[]>;
}

/** The cases' distinct content words (three letters or more, no stop words or numbers). */
export function caseWordsOf(caseText: Map<string, string>): CaseWords {
  const index = new Map<string, number>();
  const cases: Record<string, number[]> = {};
  for (const [id, text] of caseText) {
    const held = new Set<number>();
    for (const w of words(text)) {
      if (w.length < 3 || QUERY_STOP_WORDS.has(w) || /^\d+$/.test(w)) continue;
      if (!index.has(w)) index.set(w, index.size);
      held.add(index.get(w)!);
    }
    cases[id] = [...held];
  }
  return { words: [...index.keys()], cases };
}
