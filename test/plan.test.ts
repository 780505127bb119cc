import { describe, expect, it } from 'vitest';
import { analyse } from '../src/answer/analyse.js';
import { plan, type CorpusView, type Plan } from '../src/answer/plan.js';
import { emptyState, nextState, saidToAvoid, type DialogueState } from '../src/answer/state.js';
import { foldWord } from '../src/language/lexicon.js';

/**
 * Four cases, each a bag of words, and a corpus view over them: a word is held by a case that has
 * a word beginning with its first five letters (or the whole word, if shorter). Enough to say why a
 * plan stays or switches.
 */
const CASES: Record<string, { title: string; organisations: string[]; words: string[]; contacts?: false }> = {
  laese: {
    title: 'Læsehestene',
    organisations: ['Lejre Kommune'],
    words: ['frivillige', 'pensionister', 'læser', 'højt', 'børn', 'dagplejen', 'sprog', 'kostede', 'kroner', 'timer', 'fonden'],
  },
  robot: {
    title: 'Robotter i skolen',
    organisations: ['Frederiksberg Kommune'],
    words: ['robotten', 'børn', 'skole', 'fravær', 'angst', 'undervisning', 'hjemmefra', 'kostede', 'kroner'],
  },
  bytur: {
    title: 'Musik i byrummet',
    organisations: ['Odense Kommune'],
    words: ['koncerter', 'pladser', 'musikere', 'sommer'],
  },
  hjem: {
    title: 'Hjem til unge',
    organisations: ['Odense Kommune', 'Bikubenfonden'],
    words: ['hjemløse', 'unge', 'boliger', 'kollegie', 'fonden', 'ungerådgivningen'],
    contacts: false,
  },
};

const stem = (w: string) => foldWord(w).slice(0, 5);
const holdsWord = (id: string, w: string) => CASES[id].words.some((x) => stem(x) === stem(w)) || CASES[id].title.toLowerCase().includes(w);
// rarity as in a collection of 70 cases of which these three are the ones that hold the words
const idf = (w: string) => {
  const df = Object.keys(CASES).filter((id) => holdsWord(id, w)).length;
  return Math.log(1 + (70 - df + 0.5) / (df + 0.5));
};

const corpus: CorpusView = {
  namedCases: (text) => Object.keys(CASES).filter((id) => text.toLowerCase().includes(CASES[id].title.toLowerCase())),
  namedOrganisations: (text) =>
    Object.values(CASES)
      .flatMap((c) => c.organisations)
      .filter((o) => text.toLowerCase().includes(o.split(' ')[0].toLowerCase())),
  casesOf: (org) => Object.keys(CASES).filter((id) => CASES[id].organisations.includes(org)),
  organisationsOf: (id) => CASES[id]?.organisations ?? [],
  titleOf: (id) => CASES[id]?.title ?? '',
  credits: (text, id) =>
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => ({ word: w, idf: idf(w), credit: holdsWord(id, w) ? 1 : 0 })),
  holders: (w) => Object.keys(CASES).filter((id) => holdsWord(id, w)),
  owners: (w) => Object.keys(CASES).filter((id) => holdsWord(id, w)),
  topicOf: (id) => CASES[id]?.words.slice(0, 4).join(' ') ?? '',
  topical: (w, id) => [...(CASES[id]?.title.split(' ') ?? []), ...(CASES[id]?.words.slice(0, 4) ?? [])].some((x) => x.length > 2 && stem(x) === stem(w)),
  hasContacts: (id) => !!CASES[id] && CASES[id].contacts !== false,
};

/** The state after the given cases were shown (a list when several). */
function discussing(cases: string[], topic = 'børn', words = ['børn']): DialogueState {
  return nextState(emptyState(), { cases, list: cases.length > 1, answerType: cases.length > 1 ? 'topic' : 'overview', topic, words, said: [] });
}

const planOf = (q: string, state: DialogueState | null): Plan => plan(analyse(q), state, corpus);

describe('plan', () => {
  it('asks which case is meant when a follow-up has no conversation to lean on', () => {
    const p = planOf('Hvad kostede det?', null);
    expect(p.action.kind).toBe('clarify');
    expect(p.followUp).toBe(true);
  });

  it('after a question nothing answered, searches its words again among the cases that hold what a follow-up names', () => {
    // "Vi mangler nogen, der læser for de små i dagplejen om eftermiddagen": declined, its words remembered, no case discussed
    const declined = nextState(emptyState(), { cases: [], list: false, answerType: 'topic', topic: null, words: ['dagplejen', 'eftermiddagen'], said: [] });
    const p = planOf('Hvor mange frivillige har de?', declined);
    expect(p.action).toMatchObject({ kind: 'search', within: ['laese'], nearest: true, list: false });
    expect(p.action.kind === 'search' && p.action.text.split(' ')).toEqual(['dagplejen', 'eftermiddagen', 'frivillige']);
    expect(p.answerType).toBe('quantity');
    expect(p.followUp).toBe(true);
    // with no words of its own, or words no case holds, which case is meant is asked, with the earlier question's words for examples
    for (const q of ['Hvem står bag det?', 'Hvad kostede de gummistøvler?']) {
      const c = planOf(q, declined);
      expect(c.action).toEqual({ kind: 'clarify', text: 'dagplejen eftermiddagen' });
    }
  });

  it('after a question nothing answered, narrows it to an organisation named in a refinement ("og i Odense?")', () => {
    const declined = nextState(emptyState(), { cases: [], list: false, answerType: 'topic', topic: null, words: ['koncerter', 'sommer'], said: [] });
    for (const q of ['Og i Odense?', 'og hvad med Odense – hvad har de lavet der?']) {
      const p = planOf(q, declined);
      expect([q, p.action]).toEqual([
        q,
        { kind: 'search', text: 'koncerter sommer', within: ['bytur', 'hjem'], exclude: [], list: true, organisation: 'Odense Kommune' },
      ]);
    }
    // with nothing asked before, the organisation's cases
    expect(planOf('Og i Odense?', null).action).toEqual({ kind: 'organisation', organisation: 'Odense Kommune', exclude: [] });
  });

  it('takes an organisation named with a pronoun for which case shown before is meant, not for a new topic', () => {
    // a list of two, then a follow-up on the first: the second is one of Odense's two cases
    const listed = discussing(['laese', 'hjem']);
    const onFirst = nextState(listed, { cases: ['laese'], list: false, answerType: 'money', topic: null, words: [], said: [] });
    for (const q of ['Er der nogen fra Odense, jeg kan tale med om det?', 'Hvem i Odense ved noget om det?']) {
      const p = planOf(q, onFirst);
      expect([q, p.action]).toEqual([q, { kind: 'cases', cases: ['hjem'] }]);
    }
    // with words of its own and no pronoun, the organisation's cases on those words are searched
    expect(planOf('Hvad gør Odense Kommune for musikere?', onFirst).action.kind).toBe('search');
    // an organisation of no case shown: its case
    expect(planOf('Er der nogen fra Frederiksberg, jeg kan tale med om det?', onFirst).action).toEqual({ kind: 'cases', cases: ['robot'] });
  });

  it('answers a pronoun follow-up about the case discussed, with its answer type', () => {
    const p = planOf('Hvad kostede det?', discussing(['robot']));
    expect(p.action).toEqual({ kind: 'cases', cases: ['robot'] });
    expect(p.answerType).toBe('money');
  });

  it('answers a named case with the part the question asks for when it brings words of its own, else with an overview', () => {
    expect(planOf('Hvad gjorde de konkret med kollegiet i Hjem til unge?', null).answerType).toBe('detail');
    expect(planOf('Fortæl om Hjem til unge', null).answerType).toBe('overview');
  });

  it('searches a definite generic noun of an opening question as a word of its own: with nothing said before it points at nothing', () => {
    // "oplysningerne" and "samarbejdet" would point back at a case discussed; first in a conversation they name the thing asked about
    const first = planOf('Sygehuset skriver journaler. Kan personalet på plejecentret få adgang til oplysningerne?', null);
    expect(first.action).toMatchObject({ kind: 'search', text: 'sygehuset skriver journaler personalet plejecentret adgang oplysningerne' });
    expect(planOf('Psykiatrien og skolerne: hvordan fungerer samarbejdet?', null).action).toMatchObject({ text: 'psykiatrien skolerne samarbejdet' });
    // later in a conversation they lean on the case discussed
    const later = planOf('Sygehuset skriver journaler. Kan personalet på plejecentret få adgang til oplysningerne?', discussing(['robot']));
    expect(later.action.kind === 'search' ? later.action.text : '').not.toContain('oplysningerne');
    // an indefinite generic noun is scaffolding either way ("en ordning for …")
    expect(planOf('Findes der en ordning for hjemløse unge?', null).action).toMatchObject({ text: 'hjemløse unge' });
  });

  it("stays on the case discussed when it holds the question's words", () => {
    expect(planOf('Hvordan virker robotten?', discussing(['robot'])).action).toEqual({ kind: 'cases', cases: ['robot'] });
  });

  it('switches topic when the distinctive words are held by another case and not by the one discussed', () => {
    const p = planOf('Hvad gør man for hjemløse unge?', discussing(['robot']));
    expect(p.action.kind).toBe('search');
    expect(p.topic).toBe('hjemløse unge');
  });

  it('weighs staying or switching among the words some case holds: words no case holds say nothing of where to go', () => {
    // "frivillige" is the reading case's; "uromagere" and "natten" no case holds
    const p = planOf('Vi har et problem med frivillige og uromagere om natten. Hvad har andre gjort?', discussing(['robot']));
    expect(p.action.kind).toBe('search');
    expect(p.why).toMatch(/^new distinctive words: frivillige/);
  });

  it('takes two new words to leave the case when the question goes on with "og"/"men" or its subject points back', () => {
    // "hjemløse" is held by another case only: alone it switches, after "Og" or "Men" it stays
    expect(planOf('Hvor mange hjemløse var med?', discussing(['robot'])).action.kind).toBe('search');
    expect(planOf('Og hvor mange hjemløse var med?', discussing(['robot'])).action).toEqual({ kind: 'cases', cases: ['robot'] });
    expect(planOf('Men hvor mange hjemløse var med?', discussing(['robot'])).action).toEqual({ kind: 'cases', cases: ['robot'] });
    expect(analyse('Og hvem betalte?').refs.continues).toBe(true);
    // a refinement ("og hvad med …") narrows or moves on as before
    expect(analyse('Og hvad med hjemløse?').refs.continues).toBe(false);
    // and its opener before a need of its own is a new question, not a going on with the case
    const need = 'Og hvad med de hjemløse unge, der sover hos venner og mangler boliger?';
    expect(analyse(need).refs).toMatchObject({ continues: false, refinement: null });
    expect(planOf(need, discussing(['robot'])).action.kind).toBe('search');
  });

  it('takes two new words to leave the case when a pronoun after a preposition stands for what is talked about ("… om det?")', () => {
    expect(analyse('Hvem i kommunen snakker med pressen om det?').refs.objectPronoun).toBe(true);
    // "hjemløse" alone, asked about "det", stays on the case discussed; without the pronoun it leaves it
    expect(planOf('Hvor mange hjemløse hjælper de med det?', discussing(['robot'])).action).toEqual({ kind: 'cases', cases: ['robot'] });
    expect(planOf('Hvor mange hjemløse blev hjulpet med det?', discussing(['robot'])).action).toEqual({ kind: 'cases', cases: ['robot'] });
    expect(planOf('Hvor mange hjemløse blev hjulpet?', discussing(['robot'])).action.kind).toBe('search');
    // a determiner before a noun is no such pronoun, nor one with more of its clause after it
    expect(analyse('Hvad gjorde de på det andet bibliotek?').refs.objectPronoun).toBe(false);
    expect(analyse('Kan de udlevere hjælpemidler, uden at det skal visiteres?').refs.objectPronoun).toBe(false);
  });

  it('reads "ellers" after a subject as asking what else it has done: other cases, in the question\'s own words', () => {
    expect(analyse('Hvad har Odense ellers lavet med unge?').refs).toMatchObject({ similar: true, else: true, sameOrganisation: false });
    // a pronoun for the subject stands for the organisation behind the case discussed
    expect(analyse('Hvad laver de ellers?').refs).toMatchObject({ else: true, sameOrganisation: true });
    expect(analyse('Hvad gør kommunen ellers?').refs.else).toBe(true);
    // not as "otherwise" between clauses, nor after an interrogative
    expect(analyse('Skal man søge, ellers kan man ikke være med?').refs.else).toBe(false);
    expect(analyse('Hvem ellers står bag?').refs.else).toBe(false);
    // searched among the organisation's cases with its own words, leaving out those seen
    const p = planOf('Hvad har Odense ellers lavet med hjemløse?', discussing(['bytur']));
    expect(p.action).toMatchObject({ kind: 'search', text: 'hjemløse', within: ['bytur', 'hjem'], exclude: ['bytur'] });
    expect(p.why).toBe('what else a named organisation has done');
  });

  it('reads "andre"/"flere" before a noun for cases, after a subject, as what else it has done: all its other cases', () => {
    expect(analyse('Har Odense andre projekter?').refs).toMatchObject({ similar: true, else: true });
    expect(analyse('Odense er med dér – har de lavet flere tiltag?').refs).toMatchObject({ similar: true, else: true });
    // "noget lignende" asks for cases like the one discussed, not for all else
    expect(analyse('Har Odense noget lignende?').refs).toMatchObject({ similar: true, else: false });
    // a question with its own context asks for others only when a noun for cases says so
    expect(analyse('Vi har mange ensomme ældre. Har andre gjort noget?').refs.similar).toBe(false);
    expect(analyse('Vi har mange ensomme ældre. Kender du andre projekter om det?').refs.similar).toBe(true);
    // the organisation named, one of the case discussed: its cases, leaving out the one discussed
    const p = planOf('Odense Kommune er med dér – har de været med i andre samarbejder?', discussing(['hjem']));
    expect(p.action).toEqual({ kind: 'organisation', organisation: 'Odense Kommune', exclude: ['hjem'] });
    expect(p.why).toBe('what else a named organisation has done');
  });

  it('says plainly that the case discussed lacks what is asked when the rest of the question is only what the case is about', () => {
    // "frivillige" is what Læsehestene is about: given, not more of the question
    expect(planOf('Får de frivillige kaffebønner?', discussing(['laese'])).action).toEqual({ kind: 'not-in-case', caseId: 'laese', missing: ['kaffebønner'] });
    // a word the case holds that is no part of what it is about is more of the question: answered from the case
    expect(planOf('Gav fonden dem kaffebønner?', discussing(['laese'])).action).toEqual({ kind: 'cases', cases: ['laese'] });
  });

  it('reads a pronoun last in its sentence after a verb as the thing talked about too ("før de måtte gøre det?")', () => {
    expect(analyse('Hvilke regler skulle ændres, før de kunne gøre det?').refs.objectPronoun).toBe(true);
    expect(analyse('Hvor mange hjemløse har prøvet det?').refs.objectPronoun).toBe(true);
    expect(analyse('Kan man låne den?').refs.objectPronoun).toBe(true);
    // one word new to the case discussed is then not enough to leave it
    expect(planOf('Hvad sagde musikerne, før de måtte gøre det?', discussing(['robot'])).action).toEqual({ kind: 'cases', cases: ['robot'] });
    expect(planOf('Hvad sagde musikerne, før de begyndte?', discussing(['robot'])).action.kind).toBe('search');
    // not with more of its clause after it
    expect(analyse('Hvad koster det at komme i gang?').refs.objectPronoun).toBe(false);
    expect(analyse('Hvad er det for en robot?').refs.objectPronoun).toBe(false);
  });

  it('takes two new words to leave the case when an ordinal names a part of it ("på det første hold", "i det første år")', () => {
    // also with no article: "i første omgang", "efter første runde"
    for (const q of [
      'Hvor mange hjemløse var med på det første hold?',
      'Hvor mange hjemløse hjalp de i det første år?',
      'Hvor mange hjemløse var med på første hold?',
      'Hvor mange hjemløse hjalp de efter første hold?',
    ]) {
      expect([q, analyse(q).refs.partOf]).toEqual([q, true]);
      expect([q, planOf(q, discussing(['robot'])).action]).toEqual([q, { kind: 'cases', cases: ['robot'] }]);
    }
    // "det andet bibliotek" is another one, not a part of the case discussed
    expect(analyse('Og på det andet bibliotek – hvad gjorde de?').refs.partOf).toBe(false);
    expect(analyse('Hvor mange var med i første omgang?').refs.partOf).toBe(true);
    // "i anden omgang" may be another one, "efter sidste skybrud" is no part of it; "først" alone names none
    expect(analyse('Hvad gjorde de i anden omgang?').refs.partOf).toBe(false);
    expect(analyse('Hvem var først med robotter?').refs.partOf).toBe(false);
    expect(analyse('Efter sidste skybrud stod kældrene under vand. Hvad gør andre?').refs.partOf).toBe(false);
  });

  it('reads the pronoun of a search for cases after sentences that tell a need of their own as pointing at that need', () => {
    const told = 'Vi har unge i kommunen, der er hjemløse og mangler boliger. Har nogen gjort noget ved det?';
    expect(analyse(told).refs).toMatchObject({ objectPronoun: false, subjectPronoun: false });
    expect(planOf(told, discussing(['robot'])).action.kind).toBe('search');
    // a question about the case discussed still leans on it, whatever the message tells before it
    expect(analyse('Vi har mange tosprogede familier i vores boligområde. Kunne det bruges hos os?').refs.subjectPronoun).toBe(true);
    // with no need told before it, "om det" points back at the case discussed
    expect(analyse('Tak for svaret. Hvem kan vi tale med om det?').refs.objectPronoun).toBe(true);
    expect(analyse('Vi er en lille kommune. Hvad har de brugt på det?').refs.objectPronoun).toBe(true);
  });

  it('looks among the other cases of the organisation behind the case discussed for "samme kommune"', () => {
    // say Lejre Kommune is behind both the reading case and the robot case
    const lejre: CorpusView = { ...corpus, casesOf: (org) => (org === 'Lejre Kommune' ? ['laese', 'robot'] : corpus.casesOf(org)) };
    expect(analyse('Og hvad gør samme kommune for børn med fravær?').refs.sameOrganisation).toBe(true);
    const p = plan(analyse('Og hvad gør samme kommune for børn med fravær?'), discussing(['laese']), lejre);
    expect(p.action).toMatchObject({ kind: 'search', within: ['robot'], organisation: 'Lejre Kommune' });
    expect(p.why).toBe('the organisation behind the case discussed');
    // with nothing asked but others, its other cases
    expect(plan(analyse('Har samme kommune andre projekter?'), discussing(['laese']), lejre).action).toEqual({
      kind: 'organisation',
      organisation: 'Lejre Kommune',
      exclude: ['laese'],
    });
    expect(plan(analyse('Hvad laver samme kommune ellers?'), discussing(['laese']), lejre).action).toEqual({
      kind: 'organisation',
      organisation: 'Lejre Kommune',
      exclude: ['laese'],
    });
    // "samme" before no organisation, and contact questions, stay with the case discussed
    expect(analyse('Bruger de samme metode?').refs.sameOrganisation).toBe(false);
    expect(plan(analyse('Hvem i samme kommune kan jeg kontakte?'), discussing(['laese']), lejre).action).toEqual({ kind: 'cases', cases: ['laese'] });
  });

  it('takes "andre"/"flere" before a noun for cases as a request for similar cases wherever it stands, unless counted', () => {
    expect(analyse('Har du andre eksempler på at hjælpe ensomme ældre?').refs.similar).toBe(true);
    expect(analyse('Kan I vise flere cases om det?').refs.similar).toBe(true);
    expect(analyse('Hvor mange andre projekter har de lavet?').refs.similar).toBe(false);
    expect(planOf('Har du andre eksempler på at hjælpe hjemløse unge?', discussing(['robot'])).why).toBe('similar cases, leaving out those shown');
  });

  it('searches other cases, leaving out the one discussed, when "nogen … også" asks whether others did it too', () => {
    // the case discussed holds most of the words, yet the asker wants others
    const p = planOf('Har nogen også arbejdet med børn med fravær og angst?', discussing(['robot']));
    expect(p.why).toBe('similar cases, leaving out those shown');
    expect(p.action).toMatchObject({ kind: 'search', exclude: ['robot'] });
    // "de … også" asks more of the case discussed
    expect(planOf('Har de også arbejdet med angst?', discussing(['robot'])).action).toEqual({ kind: 'cases', cases: ['robot'] });
  });

  it('takes a short lead-in saying "other" before a colon or a dash for a switch ("Lidt andet: …")', () => {
    expect(analyse('Lidt andet: hvem betalte for robotterne?').refs.switch).toBe(true);
    expect(analyse('En helt anden ting – hvordan hjælper man hjemløse?').refs.switch).toBe(true);
    expect(planOf('Lidt andet: hvem betalte for robotterne?', discussing(['laese'])).why).toBe('switches topic');
    // "det andet" is the other one of those shown, and a longer lead-in is part of the question
    expect(analyse('Det andet: hvem betalte?').refs.switch).toBe(false);
    expect(analyse('Vi har en anden model i vores egen kommune: hvad gjorde de?').refs.switch).toBe(false);
  });

  it('leaves the case for a thing taken as known that one other case alone has, named anew after "og" ("og koncerterne, …?")', () => {
    const p = planOf('Og koncerterne, hvor mange kom der?', discussing(['laese']));
    expect([p.action.kind, p.why]).toEqual(['search', 'new distinctive words: koncerterne']);
    // asked of the case discussed (its subject points back), it stays
    expect(planOf('Og holdt de også koncerterne?', discussing(['laese'])).action).toMatchObject({ kind: 'cases', cases: ['laese'] });
    // a thing several cases have ("og fonden, …") stays too
    expect(planOf('Og fonden, hvor meget gav den?', discussing(['robot'])).action).toMatchObject({ kind: 'cases', cases: ['robot'] });
  });

  it('takes a definite noun for something known: one alone does not leave the case ("Hvor meget gav fonden?")', () => {
    expect(analyse('Hvor meget gav fonden?').focus.map((f) => [f.word, f.definite])).toEqual([['fonden', true]]);
    expect(planOf('Hvor meget gav fonden?', discussing(['robot'])).action).toEqual({ kind: 'cases', cases: ['robot'] });
    // an indefinite new word does ("Hvad gør man for hjemløse?"), and so do two new definite ones
    expect(planOf('Hvad gør man for hjemløse?', discussing(['robot'])).action.kind).toBe('search');
    expect(planOf('Hvad med fonden og ungerådgivningen?', discussing(['robot'])).action.kind).toBe('search');
    // a definite noun that one case alone holds names that case's own thing: the asker knows it from there
    expect(planOf('Hvem står for ungerådgivningen?', discussing(['robot'])).action.kind).toBe('search');
    expect(planOf('Hvor mange kom til kollegiet?', discussing(['laese'])).action.kind).toBe('search');
    // as a word of its own: a compound other cases hold only as its parts ("skole", "robot") is still one case's thing…
    const parts: CorpusView = {
      ...corpus,
      holders: (w) => (w === 'skolerobotten' ? ['robot', 'hjem'] : corpus.holders(w)),
      owners: (w) => (w === 'skolerobotten' ? ['robot'] : corpus.owners(w)),
    };
    expect(plan(analyse('Hvad kostede skolerobotten?'), discussing(['laese']), parts).action.kind).toBe('search');
    // …and one no case has whole is taken as known
    const whole: CorpusView = { ...parts, owners: (w) => (w === 'skolerobotten' ? [] : corpus.owners(w)) };
    expect(plan(analyse('Hvad kostede skolerobotten?'), discussing(['laese']), whole).action).toEqual({ kind: 'cases', cases: ['laese'] });
    // after an indefinite article, "-en" is no definite ending
    expect(analyse('Tog de en eksamen?').focus.map((f) => [f.word, f.definite])).toEqual([['eksamen', false]]);
  });

  it('stays on the case discussed when a place named is one of its own, though the name fits other bodies too', () => {
    // "Odense" names "Odense Kommune" (the case's own) and another body in Odense
    const twoOdense: CorpusView = { ...corpus, namedOrganisations: () => ['Odense Kommune', 'Odense Bibliotekerne'] };
    const p = plan(analyse('Det med Odense lyder spændende – hvem kan jeg ringe til der?'), discussing(['hjem']), twoOdense);
    expect(p.action).toEqual({ kind: 'cases', cases: ['hjem'] });
    expect(p.answerType).toBe('person');
  });

  it('takes a thing named as of a kind already spoken of ("sådan en dims") for the case\'s own, not for something it lacks', () => {
    expect(analyse('Hvad koster sådan en dims?').focus.map((f) => [f.word, f.definite])).toEqual([['dims', true]]);
    expect(planOf('Hvad koster sådan en dims?', discussing(['robot'])).action).toEqual({ kind: 'cases', cases: ['robot'] });
    // named as new, a thing no case holds is said to be missing
    expect(planOf('Hvad koster en krisepsykologisk debriefing?', discussing(['robot'])).action.kind).toBe('not-in-case');
  });

  it('never switches on answer-type words or generic verbs alone', () => {
    expect(planOf('Hvor mange penge har de brugt på det?', discussing(['robot'])).action).toEqual({ kind: 'cases', cases: ['robot'] });
    expect(planOf('Hvem kan jeg kontakte?', discussing(['laese'])).action).toEqual({ kind: 'cases', cases: ['laese'] });
  });

  it('goes to a case the question names, even in the middle of another topic', () => {
    expect(planOf('Hvem kan jeg kontakte om Læsehestene?', discussing(['robot'])).action).toEqual({ kind: 'cases', cases: ['laese'] });
  });

  it('picks an ordinal from the list shown, and "the other one" as the one not discussed that fits', () => {
    const shown = discussing(['laese', 'robot', 'hjem']);
    expect(planOf('Fortæl mere om den anden', shown).action).toEqual({ kind: 'cases', cases: ['robot'] });
    expect(planOf('Hvem står bag den sidste?', shown).action).toEqual({ kind: 'cases', cases: ['hjem'] });
    expect(planOf('Hvad med nummer 5?', shown).action).toEqual({ kind: 'no-such-item', length: 3 });
  });

  it('answers a pronoun follow-up after a list about the listed case that holds its words', () => {
    expect(planOf('Hvor mange bor på kollegiet?', discussing(['laese', 'hjem'])).action).toEqual({ kind: 'cases', cases: ['hjem'] });
  });

  it('answers a question that picks none of the cases just listed about each of them, not the first as a guess', () => {
    const listed = discussing(['laese', 'robot', 'hjem', 'bytur'], 'børn', ['børn']);
    const each = { kind: 'cases', cases: ['laese', 'robot', 'hjem'], each: true };
    for (const q of [
      'Hvem er kontaktperson for det?',
      'Hvem kan jeg ringe til?',
      'Hvad kostede det?',
      'hvornår startede de?',
      'Hvordan gik det så?',
      'Hvad går det ud på?',
      'Who can I contact?',
    ])
      expect(planOf(q, listed).action, q).toEqual(each);
    // who took part goes on with the first (the list's labels named each case's bodies)
    for (const q of ['Hvem var med?', 'Hvem samarbejdede de med?']) expect(planOf(q, listed).action, q).toEqual({ kind: 'cases', cases: ['laese'] });
    // after one case, it is that case
    expect(planOf('Hvem er kontaktperson for det?', discussing(['robot'])).action).toEqual({ kind: 'cases', cases: ['robot'] });
  });

  it('after a list, leaves the first listed case only for a word that tells another apart: distinctive, and not held by the first', () => {
    // "fravær" only the second holds; "kostede", both hold
    const listed = discussing(['laese', 'robot'], 'børn', ['børn']);
    expect(planOf('Hvor meget fravær var der?', listed).action).toEqual({ kind: 'cases', cases: ['robot'] });
    expect(planOf('Hvad kostede det i kroner?', listed).action).toEqual({ kind: 'cases', cases: ['laese'] });
    // a common word (held by most cases) that only the second holds does not tell them apart either
    const common: CorpusView = { ...corpus, credits: (text, id) => text.split(/\s+/).map((w) => ({ word: w, idf: 0.8, credit: id === 'robot' ? 1 : 0 })) };
    expect(plan(analyse('Hvor meget er det støttet økonomisk?'), listed, common).action).toEqual({ kind: 'cases', cases: ['laese'] });
  });

  it('after a list, takes the listed case whose title holds the word asked with for the one meant ("sådan en gruppe")', () => {
    // both cases hold every word; only the second names groups in its title
    const both: CorpusView = {
      ...corpus,
      titleOf: (id) => ({ hjerte: 'Hjertevarme på plejecentret', spise: 'Spisegrupper skaber tryghed' })[id] ?? '',
      credits: (text) => text.split(/\s+/).map((w) => ({ word: w, idf: 2, credit: 1 })),
    };
    const listed = discussing(['hjerte', 'spise'], 'ensomme ældre', ['ensomme', 'ældre']);
    expect(plan(analyse('Hvor mange ældre er der i sådan en gruppe?'), listed, both).action).toEqual({ kind: 'cases', cases: ['spise'] });
    // with no title word, the first listed, as before
    expect(plan(analyse('Hvor mange ældre er der med?'), listed, both).action).toEqual({ kind: 'cases', cases: ['hjerte'] });
  });

  it('after a list, asks a person of the listed case that names people, when it too holds the words asked with', () => {
    // both hold "fonden"; the first listed names nobody to contact
    const listed = discussing(['hjem', 'laese'], 'fonden', ['fonden']);
    expect(planOf('Hvem er kontaktperson hos fonden?', listed).action).toEqual({ kind: 'cases', cases: ['laese'] });
    // another kind of question stays with the first that holds them
    expect(planOf('Hvor mange penge gav fonden?', listed).action).toEqual({ kind: 'cases', cases: ['hjem'] });
    // a case that does not hold the words is no answer, people or not
    expect(planOf('Hvem er kontaktperson på kollegiet?', discussing(['hjem', 'robot'], 'unge', ['unge'])).action).toEqual({
      kind: 'cases',
      cases: ['hjem'],
    });
  });

  it('asks for others of a kind of body when a similar-case request names a distinctive one ("andre biblioteker")', () => {
    expect(analyse('Har andre biblioteker lavet noget nyt, jeg kan lade mig inspirere af?').refs.similarKind).toBe('biblioteker');
    expect(analyse('Er der andre skoler, der har prøvet noget lignende?').refs.similarKind).toBe('skoler');
    expect(analyse('Er der andre eksempler?').refs.similarKind).toBeNull();
    // "kommuner" is what nearly every case is: no narrowing; "biblioteker" is held by few
    const rare: CorpusView = {
      ...corpus,
      credits: (text, id) => corpus.credits(text, id).map((c) => ({ ...c, idf: c.word.startsWith('kommune') ? 0.5 : c.idf })),
    };
    const state = discussing(['laese'], 'børn sprog', ['børn', 'sprog']);
    const libraries = plan(analyse('Har andre biblioteker lavet noget lignende?'), state, rare);
    expect(libraries.action).toMatchObject({ kind: 'search', text: 'biblioteker børn sprog', exclude: ['laese'], list: true });
    const municipalities = plan(analyse('Har andre kommuner lavet noget lignende?'), state, rare);
    expect(municipalities.action).toMatchObject({ kind: 'search', text: 'børn sprog', exclude: ['laese'] });
  });

  it('searches again for similar cases, leaving out every case seen', () => {
    const p = planOf('Er der andre, der har gjort noget lignende?', discussing(['robot'], 'børn angst skole'));
    expect(p.action).toMatchObject({ kind: 'search', text: 'børn angst skole', exclude: ['robot'], list: true });
    expect(p.followUp).toBe(true);
  });

  it('searches for cases like the one discussed, by its own words, when no topic was searched or it only named the case', () => {
    for (const topic of ['', 'Robotter i skolen']) {
      const p = planOf('Er der andre, der har gjort noget lignende?', discussing(['robot'], topic));
      expect([topic, p.action]).toMatchObject([topic, { kind: 'search', text: 'robotten børn skole fravær', exclude: ['robot'], likeCase: true }]);
    }
  });

  it('asks for others when a similar-case request names the case discussed by its words', () => {
    const p = planOf('Er der andre, der har robotter i skolen?', discussing(['robot'], 'robotter skole'));
    expect(p.action).toMatchObject({ kind: 'search', exclude: ['robot'], list: true });
    // without a request for others, naming the case discussed stays on it
    expect(planOf('Hvad kostede Robotter i skolen?', discussing(['robot'])).action).toEqual({ kind: 'cases', cases: ['robot'] });
  });

  it('narrows the earlier topic to a named organisation, and a second refinement replaces the first', () => {
    const state = discussing(['laese', 'robot'], 'børn', ['børn']);
    const first = planOf('og i Frederiksberg?', state);
    expect(first.action).toMatchObject({ kind: 'search', text: 'børn', within: ['robot'] });
    expect(first.topic).toBe('børn');
    const second = planOf(
      'og i Lejre?',
      nextState(state, { cases: ['robot'], list: false, answerType: 'topic', topic: first.topic, words: ['frederiksberg'], said: [] }),
    );
    expect(second.action).toMatchObject({ kind: 'search', text: 'børn', within: ['laese'] });
    // the refinement may stand as a sentence of its own before a question ("og i Lejre – hvad gør de der?")
    expect(analyse('og i Lejre – hvad gør de der?').refs.refinement).toEqual(['lejre']);
    expect(planOf('og i Lejre – hvad gør de der?', state).action).toMatchObject({ kind: 'search', text: 'børn', within: ['laese'] });
  });

  it('never leaves the case for a generic unit counted ("hvor mange timer/ansatte …"), which says what kind of answer', () => {
    // "timer" is held by the reading case only; counted, it asks for a figure of the robot case discussed
    expect(analyse('Hvor mange timer tog forløbet?').genericUnit).toBe(true);
    // nor for people in general ("ansatte", "deltagere")
    for (const q of ['Hvor mange ansatte er der?', 'Hvor mange deltagere var der?']) expect([q, analyse(q).genericUnit]).toEqual([q, true]);
    expect(planOf('Hvor mange timer tog forløbet?', discussing(['robot'])).action).toEqual({ kind: 'cases', cases: ['robot'] });
    // a noun counted that is a topic still is one
    expect(analyse('Hvor mange hjemløse var med?').genericUnit).toBe(false);
  });

  it('narrows the earlier topic to the cases that hold what a refinement adds', () => {
    // "fravær" is held by the robot case only; "og hvad med dem med fravær?" searches the topic among those cases
    const state = discussing(['laese', 'robot'], 'børn', ['børn']);
    const p = planOf('Og hvad med dem med fravær?', state);
    expect(p.action).toMatchObject({ kind: 'search', text: 'børn fravær', within: ['robot'] });
    expect(p.topic).toBe('børn');
    // a word no case holds narrows nothing: the topic and the word are searched together
    expect(planOf('Og hvad med dem med diabetes?', state).action).toMatchObject({ kind: 'search', text: 'børn diabetes', within: null });
    // a refinement that asks for a fact of its own gets that fact of the best case, not a list
    const money = planOf('Og hvad med dem med fravær – hvad kostede det?', state);
    expect(money.action).toMatchObject({ kind: 'search', within: ['robot'], list: false });
    expect(money.answerType).toBe('money');
    expect(p.answerType).toBe('topic');
  });

  it('answers a refinement that goes on to ask about the case discussed, in its words, from that case', () => {
    // a list was shown, then the robot case answered a question of its own
    const state = nextState(discussing(['laese', 'robot'], 'børn', ['børn']), {
      cases: ['robot'],
      list: false,
      answerType: 'money',
      topic: null,
      words: ['kostede'],
      said: [],
    });
    // "de ældre" is no word of the robot case, but the question after the dash asks about its robot, taught from home
    const p = planOf('Og hvad med de ældre – kan de også bruge robotten hjemmefra?', state);
    expect(p.action).toEqual({ kind: 'cases', cases: ['robot'] });
    expect(p.answerType).toBe('detail');
    // with no question of its own, or one in words the case lacks, the topic is narrowed as before
    expect(planOf('Og hvad med de ældre?', state).action.kind).toBe('search');
    expect(planOf('Og hvad med de ældre – får de hjælp af frivillige pensionister?', state).action.kind).toBe('search');
  });

  it('asks the whole collection when a later question is phrased as a search among cases, with words of its own and none pointing back', () => {
    // the case discussed holds every word, but "er der nogen steder, hvor …" asks which cases do it
    const p = planOf('Er der nogen steder, hvor frivillige pensionister læser for børnene?', discussing(['laese']));
    expect(p.action).toMatchObject({ kind: 'search', text: 'frivillige pensionister læser børnene' });
    expect(p.why).toBe('a search among cases');
    // a cleft's "det" points at what follows, not back ("hvor det er frivillige, der …")
    expect(planOf('Findes der også noget, hvor det er frivillige, der læser for børnene?', discussing(['laese'])).action.kind).toBe('search');
    // a pronoun or a known thing ties it to the case discussed ("gjort det", "projektet")
    expect(planOf('Er der nogen, der har gjort det for børnene?', discussing(['laese'])).action).toEqual({ kind: 'cases', cases: ['laese'] });
    expect(planOf('Findes der en opgørelse over, hvad projektet kostede?', discussing(['laese'])).why).not.toBe('a search among cases');
  });

  it('searches the question, not the case discussed, when a refinement goes on with a search among cases', () => {
    // without the search the case that holds the rest of the question would answer ("answers a refinement that goes on …")
    const p = planOf('Og hvad med skolen – er der nogen, hvor frivillige pensionister læser for børnene?', discussing(['laese']));
    expect(p.action).toMatchObject({ kind: 'search', text: 'skolen frivillige pensionister læser børnene' });
    expect(p.why).toBe('a refinement phrased as a search among cases');
    // a refinement alone narrows the earlier topic as before
    expect(planOf('Og hvad med skolen?', discussing(['laese'])).why).not.toBe('a refinement phrased as a search among cases');
  });

  it('looks for similar cases of a named organisation on the earlier topic, not for all its cases', () => {
    const state = discussing(['laese'], 'børn sprog', ['børn', 'sprog']);
    const p = planOf('Har Frederiksberg noget lignende for de små?', state);
    expect(p.action).toMatchObject({ kind: 'search', within: ['robot'], exclude: ['laese'], list: true });
    expect((p.action as { text: string }).text.startsWith('børn sprog')).toBe(true);
    expect(p.followUp).toBe(true);
    // with no topic to go on, the organisation's other cases
    expect(planOf('Har Odense noget lignende?', discussing(['laese'], '')).why).toMatch(/^other cases of a named organisation/);
  });

  it('starts over on an explicit switch, whatever was discussed', () => {
    const p = planOf('Noget helt andet: hvad gør kommunerne for hjemløse unge?', discussing(['robot']));
    expect(p.action.kind).toBe('search');
    expect(p.why).toBe('switches topic');
  });

  it('says the case discussed does not hold what is asked, when no other case does either', () => {
    const p = planOf('Får de krisepsykologisk debriefing?', discussing(['robot']));
    expect(p.action).toEqual({ kind: 'not-in-case', caseId: 'robot', missing: ['krisepsykologisk', 'debriefing'] });
  });

  it('says a named case does not hold what a phrase after its name asks for, and answers what it holds', () => {
    // "for hjemløse unge": people the case does not serve
    expect(planOf('Findes der Læsehestene for hjemløse?', null).action).toEqual({ kind: 'not-in-case', caseId: 'laese', missing: ['hjemløse'], named: true });
    expect(planOf('Hvad gør Læsehestene for hjemløse?', null).action).toEqual({ kind: 'not-in-case', caseId: 'laese', missing: ['hjemløse'], named: true });
    // a word no case holds is lacking too
    expect(planOf('Har nogen lavet Læsehestene for ordblinde teenagere?', null).action.kind).toBe('not-in-case');
    // what the case holds is answered, and so is a unit of time after the name
    expect(planOf('Findes der Læsehestene for børn i dagplejen?', null).action).toEqual({ kind: 'cases', cases: ['laese'] });
    expect(planOf('Hvad koster Læsehestene for frivillige pensionister?', null).action).toEqual({ kind: 'cases', cases: ['laese'] });
    expect(planOf('Hvad koster Læsehestene om året?', null).action).toEqual({ kind: 'cases', cases: ['laese'] });
    // a phrase that holds both a word of the case and one it lacks asks mostly what it holds
    expect(planOf('Hvad gør Læsehestene for børn med hjemløse forældre?', null).action.kind).toBe('cases');
    // in the middle of a conversation too, and of the case discussed
    const p = planOf('Findes der Læsehestene for hjemløse?', discussing(['robot']));
    expect(p.action).toEqual({ kind: 'not-in-case', caseId: 'laese', missing: ['hjemløse'], named: true });
    expect(planOf('Bruger de Læsehestene for hjemløse?', discussing(['laese'])).followUp).toBe(true);
    // an English question is weighed in the Danish words of its search
    expect(planOf('Is there a Læsehestene for homeless people?', null).action.kind).toBe('not-in-case');
    expect(planOf('Is there a Læsehestene for children?', null).action).toEqual({ kind: 'cases', cases: ['laese'] });
  });

  it('holds a named case only to the phrase after a word that names it, not after a word its title shares with many', () => {
    const shared: CorpusView = { ...corpus, owners: (w) => (w === 'læsehestene' ? ['laese', 'robot', 'hjem'] : corpus.owners(w)) };
    expect(plan(analyse('Findes der Læsehestene for hjemløse?'), null, shared).action.kind).toBe('cases');
  });

  it('lists the cases of an organisation the question names with nothing else', () => {
    expect(planOf('Hvilke projekter har Odense Kommune?', null).action).toEqual({ kind: 'organisation', organisation: 'Odense Kommune', exclude: [] });
    // the asker's interest is no topic
    for (const q of ['Jeg er nysgerrig på Odense Kommune – hvad har de lavet?', 'Vi er interesserede i, hvad Odense Kommune har gang i.'])
      expect([q, planOf(q, null).why.startsWith('names an organisation')]).toEqual([q, true]);
  });

  it("borrows the last question's words for a question with none of its own", () => {
    const p = planOf('Hvor mange er der tale om?', discussing(['robot'], 'robot', ['fravær', 'angst']));
    expect(p.carry).toEqual(['fravær', 'angst']);
  });
});

describe('saidToAvoid', () => {
  const answeredAs = (type: DialogueState['lastType']): DialogueState => ({ ...emptyState(), lastType: type, said: ['c1:0', 'c1:120'], turns: 1 });

  it('avoids the sentences just quoted when the same kind of question is asked again, or an open one', () => {
    expect(saidToAvoid(answeredAs('money'), 'money')).toEqual(['c1:0', 'c1:120']);
    for (const open of ['detail', 'overview', 'method', 'topic'] as const) expect(saidToAvoid(answeredAs('topic'), open)).toEqual(['c1:0', 'c1:120']);
  });

  it('lets a question of another kind be answered by a sentence the last answer quoted ("… hvorfor ikke?" after a list)', () => {
    expect(saidToAvoid(answeredAs('topic'), 'reason')).toEqual([]);
    expect(saidToAvoid(answeredAs('money'), 'result')).toEqual([]);
    expect(saidToAvoid(null, 'detail')).toEqual([]);
  });
});
