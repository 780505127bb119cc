import { caseDf, type SearchEngine } from '../search/hybrid.js';
import { defaultCoverageOptions, wordCredits } from '../search/coverage.js';
import { namedCases, namedOrganisations } from '../search/names.js';
import { analyseWords, QUERY_STOP_WORDS, term } from '../text/analyse.js';
import type { CorpusView } from './plan.js';

/** The planner's view of the served index: names, organisations and which case holds which word. */
export function corpusView(engine: SearchEngine, holdCredit = 0.5, topicWords = 6): CorpusView {
  // whether a case holds a word: another form of it counts ("arrangementet" ~ "arrangere" does not, "klimasten" ~ "klimastenen" does);
  // the word it is built from does not: a case that speaks of "indlæggelser" does not say how many "genindlæggelser"
  const credit = { ...defaultCoverageOptions, familyCredit: 0.8, derivedCredit: 0.4 };
  const cases = engine.index.cases;
  const lower = (x: string) => x.toLowerCase();
  // more like this: the words the case uses most, weighted by their rarity (tf·idf), its own name left out
  const topicOf = (id: string): string => {
    const own = new Set(analyseWords(engine.caseById.get(id)?.title ?? '').map((x) => x.term));
    const counts = new Map<string, { word: string; n: number }>();
    for (const c of engine.chunksOfCase.get(id) ?? [])
      if (!c.isContact)
        for (const { word, term } of analyseWords(c.text, QUERY_STOP_WORDS))
          if (!own.has(term) && term.length > 3) counts.set(term, { word, n: (counts.get(term)?.n ?? 0) + 1 });
    const lex = engine.index.caseLexical;
    return [...counts]
      .map(([term, { word, n }]) => ({ word, score: n * lex.idf(term) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, topicWords)
      .map((x) => x.word)
      .join(' ');
  };
  // the terms of each case's title and topic, worked out once per case
  const topicTerms = new Map<string, Set<string>>();
  return {
    namedCases: (text) => [...namedCases(text, cases, caseDf(engine))],
    namedOrganisations: (text) => namedOrganisations(text, cases),
    casesOf: (org) => cases.filter((c) => c.organisations.some((x) => lower(x) === lower(org))).map((c) => c.id),
    organisationsOf: (id) => engine.caseById.get(id)?.organisations ?? [],
    titleOf: (id) => engine.caseById.get(id)?.title ?? '',
    hasContacts: (id) => (engine.caseById.get(id)?.contacts.length ?? 0) > 0,
    credits: (text, caseId) => wordCredits(engine.index.lexical.queryTerms(text), engine, caseId, null, credit),
    topicOf,
    topical: (word, id) => {
      const terms = topicTerms.get(id) ?? new Set(analyseWords(`${engine.caseById.get(id)?.title ?? ''} ${topicOf(id)}`).map((x) => x.term));
      topicTerms.set(id, terms);
      return engine.index.lexical.queryTerms(word).some((t) => terms.has(t.term));
    },
    owners: (word) => {
      const t = term(word.toLowerCase());
      return t ? cases.filter((c) => engine.index.caseLexical.docHas(t, c.id)).map((c) => c.id) : [];
    },
    holders: (word) => {
      const terms = engine.index.lexical.queryTerms(word);
      if (!terms.length || terms.every((t) => t.kind === 'unknown')) return [];
      return cases.filter((c) => (wordCredits(terms, engine, c.id, null, credit)[0]?.credit ?? 0) >= holdCredit).map((c) => c.id);
    },
  };
}
