import { isEnglish } from '../language/english.js';
import { ure } from '../text/normalize.js';
import { namedOrganisations } from '../search/names.js';
import type { Case } from '../types.js';

/** What the user wants, each with its own answer shape. */
export type IntentKind = 'contact' | 'organisation' | 'detail' | 'fact' | 'topic';

export interface Intent {
  kind: IntentKind;
  /** For organisation questions: the organisations named, as written in the corpus. */
  organisations: string[];
  /** For fact questions: what kind of figure is asked for. */
  fact: 'cost' | 'count' | 'time' | 'funding' | 'result' | 'partners' | null;
  /** The question is in English (answers get an English lead sentence). */
  english: boolean;
}

// Recognisers, tried in order; Danish and plain English wording.
const CONTACT = ure(String.raw`\b(kontakt\w*|hvem kan (jeg )?(ringe|skrive|tale|fortælle|give|svare|spørge|hjælpe)|yderligere oplysninger|e-?mail\w*|mailadresse\w*|telefon\w*|tlf|ringe til|skrive til|hvem (er|var) (projektleder|tovholder|ansvarlig|leder|chef|kontaktperson)\w*|contact|who (can|should) i (call|email|write|talk)|phone number|e-?mail address)`, 'i');
const FACT_PATTERNS: Array<[Intent['fact'] & string, RegExp]> = [
  ['cost', ure(String.raw`\b(kost\w*|pris\w*|hvad betal\w*|budget\w*|hvor mange penge|hvor dyr\w*|cost\w*|price|how much)\b`, 'i')],
  ['funding', ure(String.raw`\b(finansier\w*|betalt af|hvem betal\w*|støtte\w* af|midler|fund\w*|paid for)\b`, 'i')],
  ['count', ure(String.raw`\b(hvor mange|hvor meget|antal\w*|hvilke (to|tre|fire)|how many)\b`, 'i')],
  ['time', ure(String.raw`\b(hvornår|hvilket år|hvilke år|hvor lang tid|hvor længe|hvor ofte|hvor tit|when|what year|how long|how often)\b`, 'i')],
  ['partners', ure(String.raw`\b(hvilke \w+ (var|er) med|hvem (var|er) med|hvem deltager|hvem deltog|hvilke \w+ deltager|hvem står bag|står bag|samarbejde\w* (de|I|man|kommunen|projektet) med|hvem samarbejde\w*|hvilke \w+ samarbejde\w*|which (municipalities|partners)|who is behind)\b`, 'i')],
  ['result', ure(String.raw`\b(resultat\w*|effekt\w*|virke\w*|hvad (kom der ud|har det givet)|result\w*|effect\w*)\b`, 'i')],
];
const DETAIL = ure(String.raw`\b(fortæl (mig )?(mere |lidt )?om|hvad (er|går) \S+ ud på|beskriv|mere om|tell me (more )?about|what is)\b`, 'i');
const ORG_LIST = ure(String.raw`\b(hvilke|hvad for nogle|which|what)\b.*\b(projekter|cases|indsatser|initiativer|løsninger|innovationer|eksempler|projects|initiatives)\b`, 'i');

/** Recognises the intent of a question. `named` says whether the question names a case. */
export function recognise(question: string, cases: Case[], named: boolean): Intent {
  const english = isEnglish(question);
  const organisations = namedOrganisations(question, cases);
  const fact = FACT_PATTERNS.find(([, re]) => re.test(question))?.[0] ?? null;
  let kind: IntentKind = 'topic';
  if (CONTACT.test(question)) kind = 'contact';
  else if (ORG_LIST.test(question) && organisations.length > 0 && !named) kind = 'organisation';
  else if (fact && fact !== 'result') kind = 'fact';
  else if (DETAIL.test(question) && named) kind = 'detail';
  else if (fact === 'result') kind = 'fact';
  return { kind, organisations, fact, english };
}

// Words that point back at what was just discussed.
const ANAPHORA = ure(String.raw`\b(det|den|dem|dette|denne|disse|de|deres|projektet|løsningen|indsatsen|casen|initiativet|tilbuddet|ordningen|it|they|them|that|this|the project)\b`, 'i');

/** True when a question leans on an earlier turn ("hvem kan jeg kontakte om det?", "og i Aarhus?"). */
export function refersBack(question: string): boolean {
  return ANAPHORA.test(question) || ure(String.raw`^\s*(og|men|and|what about)\b`, 'i').test(question);
}
