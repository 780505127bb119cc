import { isEnglish } from '../text/english.js';
import { alnumKey, foldForMatch } from '../text/normalize.js';
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
const CONTACT = /\b(kontakt\w*|hvem kan jeg (ringe|skrive|tale)|e-?mail\w*|mailadresse\w*|telefon\w*|tlf|ringe til|skrive til|hvem (er|var) (projektleder|tovholder|ansvarlig|leder|chef|kontaktperson)\w*|contact|who (can|should) i (call|email|write|talk)|phone|e-?mail address)/i;
const FACT_PATTERNS: Array<[Intent['fact'] & string, RegExp]> = [
  ['cost', /\b(kost\w*|pris\w*|hvad betal\w*|budget\w*|hvor mange penge|hvor dyr\w*|cost\w*|price|how much)\b/i],
  ['funding', /\b(finansier\w*|betalt af|hvem betal\w*|støtte\w* af|midler|fund\w*|paid for)\b/i],
  ['count', /\b(hvor mange|antal\w*|how many)\b/i],
  ['time', /\b(hvornår|hvilket år|hvor lang tid|hvor længe|when|what year|how long)\b/i],
  ['partners', /\b(hvilke (kommuner|partnere|aktører|organisationer) (var|er) med|hvem (var|er) med|hvem samarbejde\w*|which (municipalities|partners))\b/i],
  ['result', /\b(resultat\w*|effekt\w*|virke\w*|hvad (kom der ud|har det givet)|result\w*|effect\w*)\b/i],
];
const DETAIL = /\b(fortæl (mig )?(mere |lidt )?om|hvad (er|går) \S+ ud på|beskriv|mere om|tell me (more )?about|what is)\b/i;
const ORG_LIST = /\b(hvilke|hvad for nogle|which|what)\b.*\b(projekter|cases|indsatser|initiativer|løsninger|innovationer|eksempler|projects|initiatives)\b/i;

/** Organisation names of the corpus that a question names ("Herning" → "Herning Kommune"). */
export function namedOrganisations(question: string, cases: Case[]): string[] {
  const q = ` ${foldForMatch(question).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const all = new Set(cases.flatMap((c) => c.organisations));
  const out: string[] = [];
  for (const org of all) {
    const full = foldForMatch(org).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const core = full.replace(/\b(kommune|kommunes|kommuner)\b/g, '').trim();
    const key = q.includes(` ${full} `) ? full : core.length >= 4 && q.includes(` ${core} `) ? core : null;
    if (key) out.push(org);
  }
  // the most specific names first ("Region Syddanmark" before "Region")
  return out.sort((a, b) => alnumKey(b).length - alnumKey(a).length);
}

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
const ANAPHORA = /\b(det|den|dem|dette|denne|disse|de|deres|projektet|løsningen|indsatsen|casen|initiativet|tilbuddet|ordningen|it|they|them|that|this|the project)\b/i;

/** True when a question leans on an earlier turn ("hvem kan jeg kontakte om det?", "og i Aarhus?"). */
export function refersBack(question: string): boolean {
  return ANAPHORA.test(question) || /^\s*(og|men|and|what about)\b/i.test(question);
}
