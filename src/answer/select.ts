import type { QueryTerm } from '../index/bm25.js';
import type { SearchEngine } from '../search/hybrid.js';
import { analyzeWords, splitCompound } from '../text/analyze.js';
import { alnumKey, ure } from '../text/normalize.js';
import type { Chunk } from '../types.js';
import type { Intent } from './intents.js';
import { isNoise, sentencesOf, type Sentence } from './sentences.js';

/** Signals that a sentence holds the kind of figure a fact question asks for, and the sections where it usually stands. */
const FACT_SIGNALS: Record<NonNullable<Intent['fact']>, { text: RegExp; section: RegExp }> = {
  cost: { text: ure(String.raw`\d[\d.,]*\s*(kr\b|kroner|mio|mia|million)|\bbudget|\budgift|\bkoste|\bpris`, 'i'), section: /ressourcer/i },
  funding: { text: /finansier|midler|pulje|fond\b|fonden|bevilg|støtte|betal|\bkr\b|styrelsen/i, section: /ressourcer/i },
  count: { text: ure(String.raw`\b\d[\d.,]*\b|\b(to|tre|fire|fem|seks|syv|otte|ni|ti|tolv|tyve|hundrede)\b`, 'i'), section: /værdi|resultat|evaluer|konkret/i },
  time: { text: ure(String.raw`\b(19|20)\d\d\b|\b\d+\s*(dage|uger|måneder|år|timer|minutter)\b|hver\s+\w+\s+(dag|uge|måned)|ugentlig|månedlig`, 'i'), section: /konkret|løsning/i },
  partners: { text: /samarbejd|partner|sammen med|kommune|region|forening|skole|universitet/i, section: /hvem|samarbejd/i },
  result: { text: /resultat|effekt|evaluer|viser|procent|%|faldet|steget|reducer|øget|færre|flere/i, section: /værdi|resultat|evaluer/i },
};

const DESCRIBING = /^(indledning|beskrivelse|til løsning|konkret|artikel|fra udfordring|hvorfor)/i;

/** Scores of the sentences of some chunks against a question. */
export interface ScoredSentence {
  sentence: Sentence;
  score: number;
}

/** Terms of the texts analysed so far, per engine (the compound parts depend on its vocabulary). */
const TERMS_OF = new WeakMap<SearchEngine, Map<string, ReadonlySet<string>>>();
const TERMS_OF_SIZE = 100_000;

/** The analysed terms of a text, with the parts of its compounds (computed once per text and engine). */
function termsOf(text: string, engine: SearchEngine): ReadonlySet<string> {
  let memo = TERMS_OF.get(engine);
  if (!memo) TERMS_OF.set(engine, (memo = new Map()));
  let out = memo.get(text);
  if (!out) {
    if (memo.size >= TERMS_OF_SIZE) memo.clear();
    memo.set(text, (out = analyseTerms(text, engine)));
  }
  return out;
}

function analyseTerms(text: string, engine: SearchEngine): Set<string> {
  const out = new Set<string>();
  const has = (t: string) => engine.index.lexical.has(t);
  for (const { word, term } of analyzeWords(text)) {
    out.add(term);
    if (word.length >= 9) for (const p of splitCompound(word, has) ?? []) out.add(p);
  }
  return out;
}

/**
 * Ranks the sentences of `chunks` for a question: IDF-weighted overlap with the question's terms,
 * plus, for fact questions, whether the sentence holds the kind of figure asked for. Headings,
 * attributions and contact lines are left out.
 */
export function rankSentences(chunks: Chunk[], terms: QueryTerm[], intent: Intent, engine: SearchEngine, title = '', names: string[] = []): ScoredSentence[] {
  const titleKey = alnumKey(title);
  // words of the case's title and organisations say which case, not what the answer is
  const naming = termsOf([title, ...names].join(' '), engine);
  const lex = engine.index.lexical;
  const candidates: Array<{ s: Sentence; chunk: Chunk; ts: ReadonlySet<string> }> = [];
  for (const chunk of chunks) {
    if (chunk.isContact) continue;
    for (const s of sentencesOf(chunk)) {
      if (isNoise(s) || (titleKey && alnumKey(s.text) === titleKey)) continue; // the title is no answer
      candidates.push({ s, chunk, ts: termsOf(s.text, engine) });
    }
  }
  // a word found in most sentences of the case names the case; the words found in few point at the answer
  const inSentences = new Map(terms.map((q) => [q.term, candidates.filter((c) => c.ts.has(q.term)).length]));
  const out: ScoredSentence[] = [];
  for (const { s, chunk, ts } of candidates) {
    let score = 0;
    for (const q of terms) {
      if (q.kind === 'unknown' || !ts.has(q.term)) continue;
      const share = (inSentences.get(q.term) ?? 0) / Math.max(1, candidates.length);
      score += q.weight * lex.idf(q.term) * (1.15 - share) * (naming.has(q.term) ? 0.25 : 1);
    }
    const words = s.text.split(/\s+/).length;
    score /= Math.sqrt(Math.max(8, words) / 8) ** 0.5;
    if (intent.kind === 'fact' && intent.fact) {
      const sig = FACT_SIGNALS[intent.fact];
      if (sig.text.test(s.text)) score += 2.5;
      if (sig.section.test(chunk.section)) score += intent.fact === 'partners' ? 2.5 : 1;
      // partners: a sentence that lists names ("CELF, SOSU-skolen og Sprogskolen") answers who
      if (intent.fact === 'partners') score += Math.min(3, 0.5 * (s.text.match(/(?<!^|[.!?]\s)\b\p{Lu}[\p{L}-]{2,}/gu) ?? []).length);
    } else if (DESCRIBING.test(chunk.section)) score += 0.6;
    if (/^[”"*]/.test(s.text.trim())) score -= 0.8; // pull quotes and citations: opinion, not description
    if (words > 70) score -= 0.5;
    out.push({ sentence: s, score });
  }
  return out.sort((a, b) => b.score - a.score || a.sentence.chunk.charStart - b.sentence.chunk.charStart || a.sentence.start - b.sentence.start);
}
