import { Memo } from '../cache.js';
import { MEMO_LIMITS } from '../config.js';
import { compoundHeads, derivationBases, editDistance, QUERY_STOP_WORDS, splitCompound, term, words } from '../text/analyse.js';
import { danish } from '../language/da.js';
import { foldWord, isForm, lexiconOf } from '../language/lexicon.js';
import { foldDanish } from '../text/fold.js';
import { GrowingInt32Array } from './growing.js';

/** Fields of a lexical document. */
export type LexicalField = 'title' | 'orgs' | 'section' | 'body';
export const LEXICAL_FIELDS: readonly LexicalField[] = ['title', 'orgs', 'section', 'body'];

/** BM25F parameters. */
export interface BM25Options {
  /** Term-frequency saturation. Default 1.2. */
  k1: number;
  /** Length normalisation per field. Defaults: title 0.3, orgs 0.3, section 0.3, body 0.75. */
  b: Record<LexicalField, number>;
  /** Field weights. Defaults: title 3, orgs 2, section 1, body 1. */
  weights: Record<LexicalField, number>;
  /**
   * Weight of each part of a split compound, relative to a whole word: of a word the corpus knows
   * (its parts are searched as well) and of one it knows only by its parts. Default 0.5, so a word
   * in two parts weighs as much as a word in one: at 0.8 the parts of "klimafolk" outweighed the
   * thing asked for ("spil"), and near-miss questions were answered on a compound's parts.
   */
  compoundWeight: number;
  /** Weight of a spelling-corrected query term. Default 0.7. */
  typoWeight: number;
  /**
   * A first part the corpus uses only inside compounds becomes a term when this many distinct
   * words begin with it ("klima" of klimaforandringer, klimaudvikling, klimasekretariat; see
   * `compoundHeads`); 0 learns none. Default 3.
   */
  compoundHeadWords: number;
  /**
   * Least length of the first part when a word the corpus does not know is split in a query (the
   * other part, and both parts of a split while indexing, have at least 4). Danish compounds often
   * begin with a short word ("by|midte", "mad|ordning", "it|system"); the word is unknown as a
   * whole, so a split into two known words is its best reading. Default 2.
   */
  queryHeadLength: number;
  /**
   * Weight of a word the cases use for one the corpus does not know (the language profile's
   * `synonyms`), relative to the word itself. Default 0.8: a synonym is close to the word asked
   * for, not the word.
   */
  synonymWeight: number;
}

/** Defaults, chosen on the development questions (see DESIGN.md). */
export const defaultBM25Options: BM25Options = {
  k1: 1.2,
  b: { title: 0.3, orgs: 0.3, section: 0.3, body: 0.75 },
  weights: { title: 3, orgs: 2, section: 1, body: 1 },
  compoundWeight: 0.5,
  typoWeight: 0.7,
  compoundHeadWords: 3,
  queryHeadLength: 2,
  synonymWeight: 0.8,
};

export interface LexicalDoc {
  id: string;
  fields: Record<LexicalField, string>;
}

export interface LexicalHit {
  id: string;
  score: number;
}

/**
 * How a query term stands for the word typed: the word itself, a part of the compound it is, the
 * known word it is built from (`derivationBases`: "nyuddannede" → "uddannede") or a known compound
 * built from it (`partOf`: "spritte" → "afspritning"), the known spelling
 * it was corrected to, a word the cases use for the same thing (the profile's `synonyms`:
 * "landdistrikt" → "yderområde"), or the word unknown to the corpus in every form (it still
 * counts as uncovered content).
 */
export type QueryTermKind = 'word' | 'part' | 'derived' | 'synonym' | 'correction' | 'unknown';

/** A weighted query term. */
export interface QueryTerm {
  term: string;
  weight: number;
  /** The word the user typed. */
  source: string;
  kind: QueryTermKind;
  /** For a correction: the edit distance from the word typed (a long word one slip away is a confident correction). */
  distance?: number;
}

/** The postings of one term, column-wise (compact in memory): documents in ascending order. */
interface Postings {
  docs: Int32Array;
  /** Term frequency per document and field: docs.length × LEXICAL_FIELDS.length (compound parts count at compoundWeight). */
  tf: Float64Array;
  /** The BM25F saturated term frequency tf/(k1+tf) of the length-normalised, field-weighted tf: it does not depend on the query. */
  sat: Float64Array;
}

/** Serialised form of the lexical index. */
export interface LexicalIndexData {
  ids: string[];
  lengths: number[][];
  postings: Record<string, Array<[number, ...number[]]>>;
}

/** The index as `build` gathers it: each term's documents and field term frequencies, column-wise. */
interface LexicalColumns {
  ids: string[];
  lengths: number[][];
  postings: Map<string, Pick<Postings, 'docs' | 'tf'>>;
}

/** The k-th largest value (k ≥ 1) of `xs` (reordered in place): quickselect. */
function kthLargest(xs: Float64Array, k: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  const want = k - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i] > pivot) i++;
      while (xs[j] < pivot) j--;
      if (i <= j) {
        const t = xs[i];
        xs[i] = xs[j];
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else return xs[want];
  }
  return xs[want];
}

/** The profile's inflectional endings, non-empty ("ede", "et", "er" …). */
const INFLECTIONS: ReadonlySet<string> = new Set(danish.inflections.filter(Boolean));

/** Particles of particle verbs, as written and folded (see `LanguageProfile.grammar.verbParticles`). */
const VERB_PARTICLES: ReadonlySet<string> = new Set(danish.grammar.verbParticles.flatMap((w) => [w, foldDanish(w)]));
/**
 * The profile's synonyms as terms: the stem of a word people type → the stems of the words the
 * cases use for it (a value may be several words: each is a term).
 */
const SYNONYM_TERMS: ReadonlyMap<string, string[]> = (() => {
  const none: ReadonlySet<string> = new Set();
  const out = new Map<string, string[]>();
  for (const [word, same] of Object.entries(danish.synonyms)) {
    const key = term(word, none);
    if (!key) continue;
    const terms = same.flatMap((s) => words(s).map((w) => term(w, none) ?? '')).filter(Boolean);
    out.set(key, [...new Set([...(out.get(key) ?? []), ...terms])]);
  }
  return out;
})();

/** Each synonym key as lemmas, folded: the key, and for a participle in -et the lemma its -ede form inflects ("nyuddannet" → "nyuddanne"). */
const SYNONYM_LEMMAS: ReadonlyArray<[string, string]> = Object.keys(danish.synonyms).flatMap((key) => {
  const k = foldWord(key);
  return k.endsWith('et') ? [[k, key] as [string, string], [`${k.slice(0, -2)}e`, key] as [string, string]] : [[k, key] as [string, string]];
});

/**
 * The synonyms' terms for a word whose stem is no key's: one that is a form of a key by the
 * profile's inflections ("nyuddannede" of "nyuddannet", "pjækkede" of "pjække"), worked out once per word.
 */
function synonymsByForm(w: string): string[] {
  return SYNONYMS_BY_FORM.get(w, (x) => {
    const lex = lexiconOf(danish);
    const folded = foldWord(x);
    const hit = SYNONYM_LEMMAS.find(([lemma]) => isForm(folded, lemma, lex));
    return hit ? (SYNONYM_TERMS.get(term(hit[1], new Set()) ?? '') ?? []) : [];
  });
}

const SYNONYMS_BY_FORM = new Memo<string, string[]>(MEMO_LIMITS.corrections);

/** Shortest term a verb and its particle make that is looked for: shorter ones ("opgå") meet unrelated words. */
const PARTICLE_VERB_LENGTH = 6;
/** Shortest unknown term looked for as a part of known compounds (`partOf`): shorter ones sit inside unrelated words. */
const PART_OF_LENGTH = 5;
/** Most corpus words built from a word that stand for it (from a verb and its particle, or an unknown word's compounds). */
const BUILT_WORDS = 5;

/** A BM25F index over Danish text with compound splitting and spelling tolerance. */
export class LexicalIndex {
  readonly ids: string[];
  private readonly lengths: number[][];
  private readonly postings: Map<string, Postings>;
  private readonly avg: number[];
  readonly options: BM25Options;

  /** An index from its serialised form (as `toJSON` writes it), or from the columns `build` gathers. */
  constructor(data: LexicalIndexData | LexicalColumns, options: Partial<BM25Options> = {}) {
    this.options = { ...defaultBM25Options, ...options };
    this.ids = data.ids;
    this.lengths = data.lengths;
    this.avg = LEXICAL_FIELDS.map((_, f) => this.lengths.reduce((s, l) => s + l[f], 0) / Math.max(1, this.lengths.length) || 1);
    const F = LEXICAL_FIELDS.length;
    this.postings = new Map();
    if (data.postings instanceof Map) {
      for (const [t, { docs, tf }] of data.postings) {
        const sat = Float64Array.from(docs, (doc, i) => this.saturated(doc, tf.subarray(i * F, (i + 1) * F)));
        this.postings.set(t, { docs, tf, sat });
      }
      return;
    }
    for (const [t, rows] of Object.entries(data.postings)) {
      const p: Postings = { docs: new Int32Array(rows.length), tf: new Float64Array(rows.length * F), sat: new Float64Array(rows.length) };
      rows.forEach(([doc, ...tf], i) => {
        p.docs[i] = doc;
        p.tf.set(tf, i * F);
        p.sat[i] = this.saturated(doc, tf);
      });
      this.postings.set(t, p);
    }
  }

  private saturated(doc: number, tfs: ArrayLike<number>): number {
    const { k1, b, weights } = this.options;
    let tf = 0;
    LEXICAL_FIELDS.forEach((f, i) => {
      if (!tfs[i]) return;
      const norm = 1 - b[f] + b[f] * (this.lengths[doc][i] / this.avg[i]);
      tf += (weights[f] * tfs[i]) / norm;
    });
    return tf / (k1 + tf);
  }

  /**
   * Builds the index: terms per field, plus the parts of compounds split against the corpus
   * vocabulary. `docs` is read once, in order, so a generator can make each document as it is
   * needed. The text is not kept: each field becomes ids into one table of distinct words (a
   * word's term and compound split are worked out once), and the postings are laid out in typed
   * arrays of their exact size, so memory grows with the postings, not with the text.
   */
  static build(docs: Iterable<LexicalDoc>, options: Partial<BM25Options> = {}): LexicalIndex {
    const opts = { ...defaultBM25Options, ...options };
    const F = LEXICAL_FIELDS.length;
    const ids: string[] = [];
    const lengths: number[][] = [];
    // every distinct word once: its term (-1 for a stop word); the fields as word ids, stop words left out
    const wordIds = new Map<string, number>();
    const wordText: string[] = [];
    const wordTerm: number[] = [];
    const termIds = new Map<string, number>();
    const tokens = new GrowingInt32Array();
    for (const d of docs) {
      ids.push(d.id);
      lengths.push(
        LEXICAL_FIELDS.map((f) => {
          let n = 0;
          for (const w of words(d.fields[f])) {
            let id = wordIds.get(w);
            if (id === undefined) {
              id = wordText.length;
              wordIds.set(w, id);
              wordText.push(w);
              const t = term(w);
              if (t !== null && !termIds.has(t)) termIds.set(t, termIds.size);
              wordTerm.push(t === null ? -1 : termIds.get(t)!);
            }
            if (wordTerm[id] >= 0) {
              tokens.push(id);
              n++;
            }
          }
          return n;
        }),
      );
    }
    wordIds.clear();
    // compound parts are split against the whole vocabulary, so only once every document is read
    const known = (t: string) => termIds.has(t);
    if (opts.compoundHeadWords > 0) for (const head of compoundHeads(wordText, known, opts.compoundHeadWords)) termIds.set(head, termIds.size);
    const terms = [...termIds.keys()];
    const parts = new Map<number, [number, number] | null>();
    const partsOf = (w: number) => {
      let p = parts.get(w);
      if (p === undefined) {
        const split = wordText[w].length >= 9 ? splitCompound(wordText[w], known) : null;
        parts.set(w, (p = split && [termIds.get(split[0])!, termIds.get(split[1])!]));
      }
      return p;
    };
    /** Each document's postings, in document order: its terms in order of first occurrence, with their field frequencies. */
    const eachPosting = (visit: (t: number, doc: number, tf: Float64Array) => void) => {
      let at = 0;
      lengths.forEach((fieldLengths, doc) => {
        const tfs = new Map<number, Float64Array>();
        const bump = (t: number, f: number, by: number) => {
          let row = tfs.get(t);
          if (!row) tfs.set(t, (row = new Float64Array(F)));
          row[f] += by;
        };
        fieldLengths.forEach((n, f) => {
          for (const end = at + n; at < end; at++) {
            const w = tokens.at(at);
            bump(wordTerm[w], f, 1);
            const p = partsOf(w);
            if (p) for (const x of p) if (x !== wordTerm[w]) bump(x, f, opts.compoundWeight);
          }
        });
        for (const [t, row] of tfs) visit(t, doc, row);
      });
    };
    // first the size of each term's postings, then the postings themselves, straight into place
    const count = new Int32Array(terms.length);
    // a term's place is the one it has in a JSON object (index-like keys first), as in an index read back from its file
    const order: Record<string, number> = Object.create(null);
    eachPosting((t) => {
      if (count[t]++ === 0) order[terms[t]] = t;
    });
    const start = new Int32Array(terms.length + 1);
    count.forEach((c, t) => {
      start[t + 1] = start[t] + c;
    });
    const next = start.slice(0, terms.length);
    const postingDocs = new Int32Array(start[terms.length]);
    const postingTf = new Float64Array(start[terms.length] * F);
    eachPosting((t, doc, tf) => {
      postingDocs[next[t]] = doc;
      postingTf.set(tf, next[t]++ * F);
    });
    const postings = new Map<string, Pick<Postings, 'docs' | 'tf'>>();
    for (const [name, t] of Object.entries(order)) {
      postings.set(name, { docs: postingDocs.subarray(start[t], start[t + 1]), tf: postingTf.subarray(start[t] * F, start[t + 1] * F) });
    }
    return new LexicalIndex({ ids, lengths, postings }, options);
  }

  toJSON(): LexicalIndexData {
    const postings: LexicalIndexData['postings'] = {};
    const F = LEXICAL_FIELDS.length;
    for (const [t, p] of this.postings) postings[t] = [...p.docs].map((doc, i) => [doc, ...p.tf.subarray(i * F, (i + 1) * F)]);
    return { ids: this.ids, lengths: this.lengths, postings };
  }

  /**
   * `JSON.stringify(this.toJSON())` in pieces, one per term, so that writing a large index never
   * makes the whole text, or the nested arrays of `toJSON`, at once.
   */
  *jsonPieces(): Generator<string> {
    const F = LEXICAL_FIELDS.length;
    yield `{"ids":${JSON.stringify(this.ids)},"lengths":${JSON.stringify(this.lengths)},"postings":{`;
    let first = true;
    for (const [t, p] of this.postings) {
      const rows: string[] = [];
      for (let i = 0; i < p.docs.length; i++) rows.push(`[${p.docs[i]},${p.tf.subarray(i * F, (i + 1) * F).join(',')}]`);
      yield `${first ? '' : ','}${JSON.stringify(t)}:[${rows.join(',')}]`;
      first = false;
    }
    yield '}}';
  }

  /** Number of documents holding a term. */
  df(t: string): number {
    return this.postings.get(t)?.docs.length ?? 0;
  }

  /** True when the document `id` holds term `t`. */
  docHas(t: string, id: string): boolean {
    const doc = this.docIndex().get(id);
    return doc !== undefined && this.postingOf(t, doc);
  }

  /** True when document number `doc` holds term `t` (postings are in document order: binary search). */
  private postingOf(t: string, doc: number): boolean {
    const docs = this.postings.get(t)?.docs;
    if (!docs) return false;
    let lo = 0;
    let hi = docs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (docs[mid] === doc) return true;
      if (docs[mid] < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  private docIdx: Map<string, number> | null = null;
  private docIndex(): Map<string, number> {
    return (this.docIdx ??= new Map(this.ids.map((id, i) => [id, i])));
  }

  /**
   * Known terms of the same word family as `t`: terms that begin with it, and terms it begins with,
   * both at least `min` letters ("klimast" ~ "klimasten", "udvikling" ~ "udvikl"). Snowball stems
   * the definite and indefinite forms of some words differently; this finds them again.
   */
  family(t: string, min = 5): string[] {
    if (t.length < min) return [];
    const sorted = (this.sortedTerms ??= [...this.postings.keys()].sort());
    const out: string[] = [];
    for (let n = min; n < t.length; n++) if (this.postings.has(t.slice(0, n))) out.push(t.slice(0, n));
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length && sorted[i].startsWith(t) && out.length < 50; i++) if (sorted[i] !== t) out.push(sorted[i]);
    return out;
  }

  private sortedTerms: string[] | null = null;

  has(t: string): boolean {
    return this.postings.has(t);
  }

  /** The weight of query terms together: each term's weight times its IDF; an unknown term weighs nothing. */
  mass(terms: readonly QueryTerm[]): number {
    return terms.reduce((n, t) => n + (t.kind === 'unknown' ? 0 : t.weight * this.idf(t.term)), 0);
  }

  /** Inverse document frequency; an unknown term gets the highest value. */
  idf(t: string): number {
    const n = this.ids.length;
    const df = this.df(t);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * The query as weighted terms: stop and question words out; a word unknown to the corpus is
   * split into known compound parts or corrected to the nearest known spelling.
   */
  queryTerms(query: string, stop: ReadonlySet<string> = QUERY_STOP_WORDS): QueryTerm[] {
    const out: QueryTerm[] = [];
    const seen = new Set<string>();
    const push = (t: string, weight: number, source: string, kind: QueryTermKind) => {
      if (seen.has(t)) return;
      seen.add(t);
      out.push({ term: t, weight, source, kind });
    };
    const ws = words(query);
    const joined = this.joinedCompounds(ws, stop);
    let particleOf = -1;
    for (const [i, w] of ws.entries()) {
      if (i === particleOf) continue;
      const pair = joined.get(i);
      if (pair) {
        if (pair.kind === 'correction') {
          if (!seen.has(pair.term)) {
            seen.add(pair.term);
            out.push({ term: pair.term, weight: this.options.typoWeight, source: pair.source, kind: 'correction', distance: pair.distance });
          }
        } else push(pair.term, 1, pair.source, 'word');
        continue;
      }
      if (joined.has(i - 1)) continue;
      // a verb with its particle after it ("falde fra", "spritte af") is looked for as the word the two make
      const particle = VERB_PARTICLES.has(ws[i + 1] ?? '') ? ws[i + 1] : null;
      const withParticle = particle ? this.particleVerb(particle, w, stop) : null;
      if (withParticle) {
        // the word typed is the verb with its particle ("falde fra"): what a decline says is missing
        const typed = `${w} ${particle}`;
        for (const t of withParticle.terms) push(t, withParticle.kind === 'word' ? 1 : this.options.compoundWeight, typed, withParticle.kind);
        particleOf = i + 1;
        continue;
      }
      const t = term(w, stop);
      if (!t) continue;
      // a particle verb the corpus has no word for, whose verb it does not know either ("røget ud"): the verb alone would be
      // the rarest word of the question, though it says only how, and in words no case uses
      if (particle && !this.has(t) && !this.synonymsOf(t, w).length) {
        particleOf = i + 1;
        continue;
      }
      if (this.has(t)) {
        push(t, 1, w, 'word');
        const parts = w.length >= 10 ? this.split(w) : null;
        if (parts) for (const p of parts) push(p, this.options.compoundWeight, w, 'part');
        continue;
      }
      // a form with its last consonant doubled before the ending ("droppede", "stoppet") is the known word, not a compound
      // of it and the ending ("drop" + "pede")
      const undoubled = this.undoubled(w, stop);
      if (undoubled) {
        push(undoubled, 1, w, 'word');
        continue;
      }
      const parts = this.split(w);
      if (parts) {
        for (const p of parts) push(p, this.options.compoundWeight, w, 'part');
        continue;
      }
      // the profile's synonyms know a word the corpus does not better than a guess at what it is built from or a correction
      const same = this.synonymsOf(t, w);
      if (same.length) {
        for (const x of same) push(x, this.options.synonymWeight, w, 'synonym');
        continue;
      }
      const base = this.base(w, stop);
      if (base) {
        for (const p of base.terms) push(p, this.options.compoundWeight, w, base.kind);
        continue;
      }
      const short = this.shortSplit(w);
      if (short) {
        for (const p of short) push(p, this.options.compoundWeight, w, 'part');
        continue;
      }
      const fixed = this.correct(t);
      if (fixed && !seen.has(fixed)) {
        seen.add(fixed);
        out.push({ term: fixed, weight: this.options.typoWeight, source: w, kind: 'correction', distance: editDistance(t, fixed, 2) });
        continue;
      }
      const holders = this.partOf(t);
      if (holders.length) for (const p of holders) push(p, this.options.compoundWeight, w, 'derived');
      else if (!seen.has(t)) {
        seen.add(t);
        out.push({ term: t, weight: 1, source: w, kind: 'unknown' });
      }
    }
    return out;
  }

  /**
   * The known word a verb and its particle make together, particle first ("falde fra" →
   * "frafald"), or, when that is no word of the corpus, the known words that begin with it
   * ("spritte af" → "afspritning"); null when there are none. A word the corpus knows is kind
   * `word`, one built from it `derived`.
   */
  private particleVerb(particle: string, verb: string, stop: ReadonlySet<string>): { terms: string[]; kind: 'word' | 'derived' } | null {
    const t = term(particle + verb, stop);
    if (!t || t.length < PARTICLE_VERB_LENGTH || /\d/.test(verb)) return null;
    if (this.has(t)) return { terms: [t], kind: 'word' };
    const longer = this.family(t).filter((x) => x.startsWith(t) && x.length > t.length);
    return longer.length ? { terms: longer.slice(0, BUILT_WORDS), kind: 'derived' } : null;
  }

  /**
   * Known words that an unknown word is one part of: the known compounds that hold its term after
   * a known word or a verb particle ("spritte" → "håndspritdispenser", "afspritning"), or before a
   * known word, with or without a linking letter ("kampagner" → "kampagnemateriale"). The term
   * must be at least `PART_OF_LENGTH` letters; the words found in most documents first, at most
   * `BUILT_WORDS`. A word nobody writes alone in the corpus is still its topic when the
   * corpus builds its compounds from it.
   */
  partOf(t: string): string[] {
    if (t.length < PART_OF_LENGTH || /\d/.test(t)) return [];
    return this.holders.get(t, (x) => {
      const found: Array<{ term: string; docs: number }> = [];
      for (const [cand, ps] of this.postings) {
        if (cand.length < x.length + 3) continue;
        const at = cand.indexOf(x);
        if (at < 0) continue;
        const before = cand.slice(0, at);
        const after = cand.slice(at + x.length);
        const led =
          before === ''
            ? this.isPart(after.replace(/^[es]/, '')) || this.isPart(after)
            : VERB_PARTICLES.has(before) || this.isPart(before) || this.isPart(before.replace(/[es]$/, ''));
        if (led) found.push({ term: cand, docs: ps.docs.length });
      }
      return found
        .sort((a, b) => b.docs - a.docs || a.term.localeCompare(b.term))
        .slice(0, BUILT_WORDS)
        .map((f) => f.term);
    });
  }

  /** A known term of at least 3 letters: the other part of a compound `partOf` reads. */
  private isPart(t: string): boolean {
    return t.length >= 3 && this.has(t);
  }

  /** Known compounds holding the unknown terms seen so far (a scan of the vocabulary each). */
  private readonly holders = new Memo<string, string[]>(MEMO_LIMITS.corrections);

  /**
   * A compound written as two words ("bæredygtigheds puslespillet", "social rådgiver"): two
   * neighbouring words, neither of them known as written together with the other, whose joined form
   * is a known term, or one slip from a long one. Returns, by the index of the first word, the joined
   * term; both words are then read as that one.
   */
  private joinedCompounds(
    ws: string[],
    stop: ReadonlySet<string>,
  ): Map<number, { term: string; source: string; kind: 'word' | 'correction'; distance?: number }> {
    const out = new Map<number, { term: string; source: string; kind: 'word' | 'correction'; distance?: number }>();
    for (let i = 0; i + 1 < ws.length; i++) {
      const [a, b] = [ws[i], ws[i + 1]];
      if (out.has(i - 1) || a.length < 3 || b.length < 3 || /\d/.test(a + b) || !term(a, stop) || !term(b, stop)) continue;
      // two words the corpus knows apart are two words ("unge hjemløse"), unless the first ends in a linking -s
      const t = term(a + b, stop);
      if (!t) continue;
      const apart = this.has(term(a, stop) as string) && this.has(term(b, stop) as string) && !a.endsWith('s');
      if (this.has(t) && !apart) out.set(i, { term: t, source: `${a} ${b}`, kind: 'word' });
      else if (!this.has(t) && (a + b).length >= 12 && !this.has(term(b, stop) as string)) {
        const fixed = this.correct(t);
        if (fixed) out.set(i, { term: fixed, source: `${a} ${b}`, kind: 'correction', distance: editDistance(t, fixed, 2) });
      }
    }
    return out;
  }

  /**
   * The known word an unknown word is built from (`derivationBases`), or the known compound parts
   * of that word ("fællesspisning" → "fællesspise" → "fælles" + "spise"); null when none is known.
   */
  private base(w: string, stop: ReadonlySet<string>): { terms: string[]; kind: 'derived' | 'part' } | null {
    // with the query stop words (the usual case) a word's base is worked out once: a question's words are read several times per answer
    return stop === QUERY_STOP_WORDS ? this.bases.get(w, (x) => this.findBase(x, stop)) : this.findBase(w, stop);
  }

  /** The known terms of the words the cases use for a word the corpus does not know (its term `t`, as typed `w`). */
  private synonymsOf(t: string, w: string): string[] {
    return (SYNONYM_TERMS.get(t) ?? synonymsByForm(w)).filter((s) => this.has(s));
  }

  /**
   * The known term of a word whose last consonant is doubled before an inflectional ending (the profile's
   * `inflections`: "droppede", "stoppet", "shopper"), or null: the stemmer leaves the doubled letter.
   */
  private undoubled(w: string, stop: ReadonlySet<string>): string | null {
    const m = /^(.*([b-df-hj-np-tv-z]))\2(\p{L}+)$/u.exec(w);
    if (!m || m[1].length < 3 || !INFLECTIONS.has(m[3])) return null;
    const t = term(m[1], stop);
    return t && this.has(t) ? t : null;
  }

  /** A word split into two known parts (`splitCompound`), worked out once per word: it stems every split it tries. */
  private split(w: string): [string, string] | null {
    return this.splits.get(w, (x) => splitCompound(x, (y) => this.has(y)));
  }

  /** An unknown word split with a short first part (`BM25Options.queryHeadLength`), worked out once per word. */
  private shortSplit(w: string): [string, string] | null {
    return this.shortSplits.get(w, (x) => splitCompound(x, (y) => this.has(y), 4, this.options.queryHeadLength));
  }

  private readonly shortSplits = new Memo<string, [string, string] | null>(MEMO_LIMITS.corrections);

  /** Splits of the words seen so far. */
  private readonly splits = new Memo<string, [string, string] | null>(MEMO_LIMITS.corrections);

  /** Bases of the unknown words seen so far, read with the query stop words. */
  private readonly bases = new Memo<string, { terms: string[]; kind: 'derived' | 'part' } | null>(MEMO_LIMITS.corrections);

  private findBase(w: string, stop: ReadonlySet<string>): { terms: string[]; kind: 'derived' | 'part' } | null {
    for (const b of derivationBases(w)) {
      const t = term(b, stop);
      if (t && this.has(t)) return { terms: [t], kind: 'derived' };
      const parts = splitCompound(b, (x) => this.has(x));
      if (parts) return { terms: parts, kind: 'part' };
    }
    return null;
  }

  /** Nearest known term within edit distance 1 (2 for long words), preferring frequent terms. */
  correct(t: string): string | null {
    return this.corrections.get(t, (x) => this.nearest(x));
  }

  /** Corrections of the unknown words seen so far (a scan of the vocabulary each). */
  private readonly corrections = new Memo<string, string | null>(MEMO_LIMITS.corrections);

  private nearest(t: string): string | null {
    if (t.length < 4 || /^\d+$/.test(t)) return null;
    // a long word may have two slips; a shorter one only one (more would reach other words)
    const max = t.length >= 10 ? 2 : 1;
    let best: string | null = null;
    let bestKey = Infinity;
    for (const [cand, ps] of this.postings) {
      if (Math.abs(cand.length - t.length) > max || cand[0] !== t[0]) continue;
      const d = editDistance(t, cand, max);
      if (d > max) continue;
      const key = d * 1000 - ps.docs.length;
      if (key < bestKey) [best, bestKey] = [cand, key];
    }
    return best;
  }

  /** BM25F scores of all documents matching the query terms, best first. */
  searchTerms(terms: QueryTerm[], k = Infinity): LexicalHit[] {
    const n = this.ids.length;
    const score = new Float64Array(n);
    const hit = new Uint8Array(n);
    const docs: number[] = [];
    for (const q of terms) {
      const ps = this.postings.get(q.term);
      if (!ps) continue;
      const w = q.weight * this.idf(q.term);
      for (let i = 0; i < ps.docs.length; i++) {
        const doc = ps.docs[i];
        if (!hit[doc]) {
          hit[doc] = 1;
          docs.push(doc);
        }
        score[doc] += w * ps.sat[i];
      }
    }
    // only the best k are ordered: the others are cut at the k-th best score first
    let best = docs;
    if (docs.length > k) {
      const kth = kthLargest(
        Float64Array.from(docs, (d) => score[d]),
        k,
      );
      best = docs.filter((d) => score[d] >= kth);
    }
    best.sort((x, y) => score[y] - score[x] || (this.ids[x] < this.ids[y] ? -1 : 1));
    return best.slice(0, k).map((doc) => ({ id: this.ids[doc], score: score[doc] }));
  }

  search(query: string, k = 50): LexicalHit[] {
    return this.searchTerms(this.queryTerms(query), k);
  }
}
