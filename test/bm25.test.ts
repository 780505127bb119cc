import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEXICAL_FIELDS, LexicalIndex, type LexicalDoc, type LexicalIndexData } from '../src/index/bm25.js';
import { danish } from '../src/language/da.js';
import { analyseText, analyseWords, derivationBases, splitCompound } from '../src/text/analyse.js';

/** Plain BM25 over one field, written the textbook way, as the reference. */
function naiveBm25(docs: string[], query: string[], k1 = 1.2, b = 0.75): number[] {
  const toks = docs.map((d) => analyseText(d));
  const avg = toks.reduce((s, t) => s + t.length, 0) / toks.length;
  return toks.map((t) =>
    query.reduce((s, q) => {
      const tf = t.filter((x) => x === q).length;
      if (!tf) return s;
      const df = toks.filter((x) => x.includes(q)).length;
      const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
      return s + (idf * (tf * (k1 + 1))) / (tf + k1 * (1 - b + (b * t.length) / avg)) / (k1 + 1);
    }, 0),
  );
}

/** The postings of documents counted the plain way: every field analysed, compounds split against all terms. */
function naivePostings(docs: LexicalDoc[], compoundWeight = 0.5): LexicalIndexData {
  const analysed = docs.map((d) => LEXICAL_FIELDS.map((f) => analyseWords(d.fields[f])));
  const vocab = new Set(analysed.flat(2).map((x) => x.term));
  const postings: LexicalIndexData['postings'] = {};
  analysed.forEach((fields, doc) => {
    const tfs = new Map<string, number[]>();
    const bump = (t: string, f: number, by: number) => {
      if (!tfs.has(t)) tfs.set(t, [0, 0, 0, 0]);
      tfs.get(t)![f] += by;
    };
    fields.forEach((ts, f) => {
      for (const { word, term } of ts) {
        bump(term, f, 1);
        const parts = word.length >= 9 ? splitCompound(word, (t) => vocab.has(t)) : null;
        for (const p of parts ?? []) if (p !== term) bump(p, f, compoundWeight);
      }
    });
    for (const [t, row] of tfs) (postings[t] ??= []).push([doc, ...row]);
  });
  return { ids: docs.map((d) => d.id), lengths: analysed.map((fields) => fields.map((ts) => ts.length)), postings };
}

const WORDS = ['skole', 'elever', 'hjemløse', 'bolig', 'frivillige', 'læsning', 'børn', 'ældre', 'mad', 'robot'];
const bodyOnly = (body: string, i: number): LexicalDoc => ({ id: `d${i}`, fields: { title: '', orgs: '', section: '', body } });

describe('bm25', () => {
  it('scores like a naive reference BM25 when only the body field is used (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((w) => w.join(' ')),
          { minLength: 2, maxLength: 12 },
        ),
        fc.constantFrom(...WORDS),
        (docs, q) => {
          const index = LexicalIndex.build(docs.map(bodyOnly), { compoundWeight: 0 });
          const expected = naiveBm25(docs, analyseText(q));
          const got = new Map(index.searchTerms([{ term: analyseText(q)[0], weight: 1, source: q, kind: 'word' }]).map((h) => [h.id, h.score]));
          expected.forEach((e, i) => {
            expect(got.get(`d${i}`) ?? 0).toBeCloseTo(e, 6);
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('knows which documents hold a term (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(' ')),
          { minLength: 1, maxLength: 30 },
        ),
        (docs) => {
          const index = LexicalIndex.build(docs.map(bodyOnly));
          for (const w of WORDS) {
            const t = analyseText(w)[0];
            docs.forEach((d, i) => {
              expect(index.docHas(t, `d${i}`)).toBe(analyseText(d).includes(t));
            });
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('matches words typed without æ/ø/å and misspelt words', () => {
    const index = LexicalIndex.build([bodyOnly('Hjælp til hjemløse unge i Odense', 0), bodyOnly('Skolevægring blandt elever', 1)]);
    expect(index.search('hjemlose unge')[0].id).toBe('d0');
    expect(index.search('skolevaegring')[0].id).toBe('d1');
    expect(index.search('skolevegring')[0].id).toBe('d1');
  });

  it('reads a plural with a changed vowel as its lemma, also typed without æ/ø/å', () => {
    expect(analyseText('børnene hænder')).toEqual(analyseText('barn hånd'));
    expect(analyseText('bornene')).toEqual(analyseText('barnet'));
    const index = LexicalIndex.build([bodyOnly('Robotten hjælper børn, der ikke kan komme i skole', 0), bodyOnly('Frivillige læser højt', 1)]);
    expect(index.search('mit barn kan ikke komme i skole')[0].id).toBe('d0');
  });

  it('splits a compound into words the corpus knows', () => {
    const index = LexicalIndex.build([bodyOnly('Indsatser for hjemløse og bolig til unge', 0), bodyOnly('Robotter i skolen', 1)]);
    const terms = index.queryTerms('hjemløseboliger');
    expect(terms.map((t) => t.term).sort()).toEqual(['bol', 'hjemlos']);
    expect(index.search('hjemløseboliger')[0].id).toBe('d0');
  });

  it("reads a word the corpus does not know as the known word it is built from, at a part's weight", () => {
    const index = LexicalIndex.build([
      bodyOnly('Ældre mødes for at spise sammen i fælles grupper', 0),
      bodyOnly('Flere tager cyklen, når der er plads til cykel og bus', 1),
      bodyOnly('Elever får praktik hos lokale virksomheder', 2),
    ]);
    const read = (q: string) => index.queryTerms(q).map((t) => `${t.kind}:${t.term}:${t.weight}`);
    // a derivational ending replaced: -ning on a verb, -ist with its -e- back, a superlative as the comparative
    expect(read('fællesspisning')).toEqual(['part:fal:0.5', 'part:spis:0.5']);
    // (a word the profile has synonyms for is read as those: "cyklist" → "cykel")
    expect(read('cyklisterne')).toEqual(['synonym:cykel:0.8']);
    expect(read('yngste ældste')).toEqual(['unknown:yngst:1', 'derived:aldr:0.5']);
    // a prefix off
    expect(read('nypraktik')).toEqual(['derived:praktik:0.5']);
    // a word known as it is is read as it is, and one built from nothing known stays unknown
    expect(read('elever')).toEqual(['word:elev:1']);
    expect(read('snerydning')).toEqual(['unknown:snerydning:1']);
    expect(index.search('cyklisterne')[0].id).toBe('d1');
  });

  it("reads a word the corpus does not know as the words the cases use for it (the profile's synonyms), in any of its forms", () => {
    // the profile's entries this test leans on
    expect(danish.synonyms.landdistrikt).toContain('yderområde');
    expect(danish.synonyms.nyuddannet).toContain('dimittere');
    expect(danish.synonyms.vuggestue).toContain('dagtilbud');
    const index = LexicalIndex.build([
      bodyOnly('Mangel på læger i yderområder', 0),
      bodyOnly('De første dimitterede fik job lokalt', 1),
      bodyOnly('Sprog i dagtilbud og landsbyer', 2),
    ]);
    const read = (q: string) => index.queryTerms(q).map((t) => `${t.kind}:${t.term}:${t.weight}`);
    expect(read('landdistrikterne')).toEqual(['synonym:yderomrad:0.8']);
    // a participle's -ede form, which the stemmer keeps apart from the key's -et
    expect(read('nyuddannede')).toEqual(['synonym:dimit:0.8']);
    // a value the corpus does not hold is left out ("daginstitution")
    expect(read('vuggestuer')).toEqual(['synonym:dagtilbud:0.8']);
    // before a particle too ("vuggestuer i …"): the word is no verb of a particle verb
    expect(read('vuggestuer i byen')[0]).toBe('synonym:dagtilbud:0.8');
    expect(index.search('læger i landdistrikterne')[0].id).toBe('d0');
    // a word the corpus knows is read as itself, never as its synonyms
    expect(read('landsby')).toEqual(['word:landsby:1']);
    expect(LexicalIndex.build([bodyOnly('Mangel på læger i yderområder', 0)], { synonymWeight: 0.5 }).queryTerms('landdistrikt')[0].weight).toBe(0.5);
  });

  it('reads a form with its last consonant doubled before an ending as the known word, not as a compound with the ending', () => {
    const index = LexicalIndex.build([bodyOnly('Unge der er droppet ud af skolen får et stop for fravær', 0), bodyOnly('Pedeller og skoler', 1)]);
    const read = (q: string) => index.queryTerms(q).map((t) => `${t.kind}:${t.term}`);
    expect(read('droppede')).toEqual(['word:drop']);
    expect(read('stoppede')).toEqual(['word:stop']);
    // a real compound is still split
    expect(read('skolepedeller')).toEqual(['part:skol', 'part:pedel']);
  });

  it('reads a specific thing the texts name only by its kind as that kind ("gribetænger" → "hjælpemidler")', () => {
    expect(danish.synonyms.gribetang).toContain('hjælpemidler');
    expect(danish.synonyms.selskab).toContain('fællesskab');
    const index = LexicalIndex.build([bodyOnly('Straksudlevering af hjælpemidler i hjemmeplejen', 0), bodyOnly('Nye fællesskaber for ældre', 1)]);
    expect(index.search('gribetænger og strømpepåtagere med det samme')[0].id).toBe('d0');
    expect(index.search('selskab til ældre')[0].id).toBe('d1');
  });

  it('has synonyms that are single lower-case words, one to three for each', () => {
    for (const [key, same] of Object.entries(danish.synonyms)) {
      expect(key).toMatch(/^[\p{Ll}\d-]+$/u);
      expect(same.length).toBeGreaterThanOrEqual(1);
      expect(same.length).toBeLessThanOrEqual(3);
      for (const s of same) expect(s).toMatch(/^[\p{Ll}\d-]+$/u);
    }
  });

  it("derives a base by the profile's word formation", () => {
    expect(derivationBases('fællesspisning')).toContain('fællesspise');
    expect(derivationBases('ordningen')).toContain('ordne');
    expect(derivationBases('cyklisterne')).toContain('cykel');
    expect(derivationBases('største')).toEqual(['større']);
    expect(derivationBases('nyankomne')).toEqual(['ankomne']);
    // too short to be built from anything
    expect(derivationBases('unge')).toEqual([]);
    expect(derivationBases('ny')).toEqual([]);
  });

  it('never takes an adverb for the last part of a compound ("koll|e|gerne"), other function words it may ("børne|have")', () => {
    const known = (t: string) => ['kol', 'gern', 'born', 'hav'].includes(t);
    expect(splitCompound('kollegerne', known)).toBeNull();
    expect(splitCompound('børnehave', known)).toEqual(['born', 'hav']);
  });

  it('splits an unknown word after a short first word in a query ("by|midte", "it|systemer"), never after a particle', () => {
    const index = LexicalIndex.build([
      bodyOnly('En by med et torv midt i gaden', 0),
      bodyOnly('Et fælles system til indkøb af it', 1),
      bodyOnly('Kaldt til møde om ordningen', 2),
      bodyOnly('Ny cykelsti i byen', 3),
    ]);
    const read = (q: string) => index.queryTerms(q).map((t) => `${t.kind}:${t.term}`);
    expect(read('bymidte')).toEqual(['part:by', 'part:midt']);
    expect(read('itsystemer')).toEqual(['part:it', 'part:system']);
    // "så" is a particle: "såkaldt" is no compound of "så" and "kaldt"
    expect(read('såkaldt')).toEqual(['unknown:sakald']);
    // a word built with a known prefix keeps its base ("nyordning" → "ordning"), as before
    expect(read('nyordningen')).toEqual(['derived:ordning']);
    expect(index.search('bymidte')[0].id).toBe('d0');
    expect(LexicalIndex.build([bodyOnly('En by med et torv midt i gaden', 0)], { queryHeadLength: 4 }).queryTerms('bymidte')[0].kind).toBe('unknown');
    expect(splitCompound('madordning', (t) => ['mad', 'ordning'].includes(t), 4, 2)).toEqual(['mad', 'ordning']);
    expect(splitCompound('madordning', (t) => ['mad', 'ordning'].includes(t))).toBeNull();
  });

  it('weighs the parts of a word known only by its parts as one word, not as two', () => {
    const index = LexicalIndex.build([
      bodyOnly('Klima og folk: en plan for grøn mobilitet', 0),
      bodyOnly('Et spil om bæredygtighed', 1),
      bodyOnly('Robotter i skolen', 2),
    ]);
    const parts = index.queryTerms('klimafolk');
    expect(parts.map((t) => [t.kind, t.weight])).toEqual([
      ['part', 0.5],
      ['part', 0.5],
    ]);
    // the thing asked for ("spil") is not outweighed by the two halves of who asks
    expect(index.search('klimafolk spil')[0].id).toBe('d1');
  });

  it('learns a first part the corpus uses only inside compounds, so a question with the word alone finds them', () => {
    const docs = [
      bodyOnly('Klimaforandringerne giver skybrud', 0),
      bodyOnly('Et klimasekretariat og en plan for klimaudvikling', 1),
      bodyOnly('Forandringer kræver udvikling, og et sekretariat hjælper', 2),
      bodyOnly('Robotter i skolen', 3),
    ];
    const index = LexicalIndex.build(docs);
    expect(index.has('klima')).toBe(true);
    expect(
      index
        .search('klimaet')
        .map((h) => h.id)
        .sort(),
    ).toEqual(['d0', 'd1']);
    expect(LexicalIndex.build(docs, { compoundHeadWords: 0 }).has('klima')).toBe(false);
    // two compounds are not enough evidence that "robo" is a word of its own
    expect(LexicalIndex.build([...docs, bodyOnly('Robotudvikling og robotsekretariat', 4)]).has('robo')).toBe(false);
  });

  it('reads a compound written as two words as the compound, a slip included', () => {
    const index = LexicalIndex.build([
      bodyOnly('Bæredygtighedspuslespillet er et spil om verdensmål', 0),
      bodyOnly('Sprogstimulering for de mindste', 1),
      bodyOnly('Unge hjemløse får en bolig', 2),
    ]);
    expect(index.queryTerms('bæredygtigheds puslespilet').map((t) => [t.term, t.source])).toEqual([['baredygtighedspuslespil', 'bæredygtigheds puslespilet']]);
    expect(index.queryTerms('sprog stimulering').map((t) => t.term)).toEqual(['sprogstimulering']);
    expect(index.search('sprog stimulering')[0].id).toBe('d1');
    // two words the corpus knows apart stay two words
    expect(index.queryTerms('unge hjemløse').map((t) => t.term)).toEqual(['ung', 'hjemlos']);
  });

  it('reads a verb with its particle after it as the word the two make ("falde fra" → "frafald"), or the words built from it', () => {
    const index = LexicalIndex.build([
      bodyOnly('Frafaldet på erhvervsskolerne er faldet med en tredjedel', 0),
      bodyOnly('Personalet husker afspritning af hænderne før hver patient', 1),
      bodyOnly('I hvert fald bygger vi på opfølgning hos borgeren', 2),
    ]);
    const read = (q: string) => index.queryTerms(q).map((t) => [t.term, t.source, t.kind]);
    expect(read('patienter falder fra')).toEqual([
      ['patient', 'patienter', 'word'],
      ['frafald', 'falder fra', 'word'],
    ]);
    expect(index.search('falder fra')[0].id).toBe('d0');
    // "afspritte" is no word of the corpus; "afspritning" is built from it
    expect(read('spritte af')).toEqual([['afspritning', 'spritte af', 'derived']]);
    expect(read('følge op')).toEqual([['opfolgning', 'følge op', 'derived']]);
    // a particle that makes no word with the verb before it leaves both as they were
    expect(read('bygger om')).toEqual([['byg', 'bygger', 'word']]);
    // nor when the corpus knows neither the pair nor the verb ("røget ud"): the verb alone is not searched
    expect(read('erhvervsskolerne røget ud')).toEqual([['erhvervsskol', 'erhvervsskolerne', 'word']]);
  });

  it('reads a word the corpus has only inside its compounds as those compounds: after a word or a particle, or before a word', () => {
    const index = LexicalIndex.build([
      bodyOnly('En håndspritdispenser ved hver seng og afspritning af hænderne før hver patient', 0),
      bodyOnly('Kampagnematerialet blev sendt ud med andre materialer til alle skoler', 1),
      bodyOnly('Vi rydder sne på stierne og sender en kampagnebus ud, når bussen er fri', 2),
      bodyOnly('Skolebussen kører efter en fast plan', 3),
    ]);
    const read = (q: string) => index.queryTerms(q).map((t) => `${t.kind}:${t.term}`);
    // "sprit" after the known word "hånd" and after the particle "af"; most documents first, then in order
    expect(read('spritte')).toEqual(['derived:afspritning', 'derived:handspritdispens']);
    // "kampagne" before a known word ("materiale", "bus"), with or without a linking letter
    expect(read('kampagner').sort()).toEqual(['derived:kampagnebus', 'derived:kampagnematerial']);
    expect(index.search('sprit på hænderne')[0].id).toBe('d0');
    // inside a word, not at a part's border ("kolebus" in "skolebussen"), is no part,
    // and too short a term ("bus" in "kampagnebus") is not looked for
    expect(read('kolebus')).toEqual(['unknown:kolebus']);
    expect(index.partOf('bus')).toEqual([]);
  });

  it('weights a title match above a body match', () => {
    const index = LexicalIndex.build([
      { id: 'a', fields: { title: 'Læsehestene', orgs: '', section: '', body: 'Frivillige læser højt for børn' } },
      { id: 'b', fields: { title: 'Andet', orgs: '', section: '', body: 'Læsehestene nævnes her, og frivillige læser' } },
    ]);
    expect(index.search('læsehestene')[0].id).toBe('a');
  });

  it('holds exactly the postings of a plain count, compound parts included, over all four fields (property)', () => {
    const vocabulary = [
      'hjemløse',
      'boliger',
      'hjemløseboliger',
      'skolevægring',
      'skole',
      'vægring',
      'og',
      'i',
      '2019',
      '12',
      'læsehestene',
      'heste',
      'Odense',
    ];
    const field = fc.array(fc.constantFrom(...vocabulary), { maxLength: 8 }).map((w) => w.join(' '));
    const doc = fc.record({ title: field, orgs: field, section: field, body: field });
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 10 }), (fields) => {
        const docs = fields.map((f, i) => ({ id: `d${i}`, fields: f }));
        expect(LexicalIndex.build(docs).toJSON()).toEqual(naivePostings(docs));
      }),
      { numRuns: 100 },
    );
  });

  it('reads the documents once, from a generator, in order', () => {
    const made: string[] = [];
    function* docs() {
      for (const [i, body] of ['Hjemløse unge får en bolig', 'Læsehestene læser for børn', 'Robotter i skolen'].entries()) {
        made.push(`d${i}`);
        yield bodyOnly(body, i);
      }
    }
    const index = LexicalIndex.build(docs());
    expect(made).toEqual(['d0', 'd1', 'd2']);
    expect(index.ids).toEqual(['d0', 'd1', 'd2']);
    expect(index.search('læsehestene').map((h) => h.id)).toEqual(['d1']);
  });

  it('writes in pieces exactly the JSON of toJSON, number-like terms first as a JSON object keeps them', () => {
    const index = LexicalIndex.build([bodyOnly('Hjemløse unge i Odense fik i 2019 en bolig', 0), bodyOnly('12 frivillige og hjemløseboliger i 2019', 1)]);
    const text = [...index.jsonPieces()].join('');
    expect(text).toBe(JSON.stringify(index.toJSON()));
    expect(Object.keys(JSON.parse(text).postings).slice(0, 2)).toEqual(['12', '2019']);
  });

  it('survives a round trip through JSON', () => {
    const index = LexicalIndex.build([bodyOnly('hjemløse unge', 0), bodyOnly('ældre mad', 1)]);
    const copy = new LexicalIndex(JSON.parse(JSON.stringify(index.toJSON())));
    expect(copy.search('ældre')).toEqual(index.search('ældre'));
  });
});
