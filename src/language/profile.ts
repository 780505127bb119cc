/**
 * A language profile: everything casechat knows about the language questions and documents are
 * written in, as data. The code that analyses questions, splits sentences and reads sections
 * consumes a profile and knows no words of its own (STYLE 5a). The Danish profile (`./da.ts`) is
 * the default; plain English questions are read with the English part of the same profile.
 */

/** What kind of answer a question asks for. */
export type AnswerType =
  /** who to contact, who runs it: any "hvem …" about a person, "kontaktperson", "mail til …" */
  | 'person'
  /** partners and participants: "hvem var med", "hvilke kommuner deltager" */
  | 'organisations'
  /** cost, price, budget, funding */
  | 'money'
  /** "hvor mange <unit>": a number with that unit */
  | 'quantity'
  | 'percentage'
  /** "hvornår", "hvilket år", "siden hvornår" */
  | 'date'
  /** "hvor lang tid", "hvor længe" */
  | 'duration'
  /** "hvor ofte", "hvor tit" */
  | 'frequency'
  /** "hvor foregår det", "i hvilken by" */
  | 'place'
  /** the name of a method, tool, product or event, or a list of named things: "hvad hedder …", "hvilke produkter" */
  | 'name'
  /** "hvorfor", "hvad var baggrunden" */
  | 'reason'
  /** "hvordan gik det", "virkede det", "blev det evalueret" */
  | 'result'
  /** way of working: "hvordan gjorde de", "hvordan fungerer det" */
  | 'method'
  /** what those behind a case advise others: "hvad anbefaler de", "gode råd", "hvad skal man være opmærksom på" */
  | 'advice'
  /** where the idea came from: "hvor har de ideen fra?", "hvad var inspirationen?" */
  | 'origin'
  /** whether and where others have taken the case up: "bruges det andre steder?", "er den blevet spredt?" */
  | 'spread'
  /** "fortæl om X", "hvad går X ud på" */
  | 'overview'
  /** a yes/no or open question about a detail of a case: answered by the sentence that matches it best */
  | 'detail'
  /** a search for cases for a need: "hvordan hjælper man hjemløse unge?" */
  | 'topic';

/** The role a section of a case plays, whatever its heading says. */
export type SectionRole = 'intro' | 'challenge' | 'solution' | 'resources' | 'partners' | 'results' | 'spread' | 'advice' | 'contact' | 'other';

/** Typed spans a sentence can hold; what a typed answer looks for. */
export type SpanKind = 'money' | 'number' | 'percentage' | 'date' | 'duration' | 'frequency' | 'place' | 'name' | 'person';

/** A cue: a phrase (words in order, each a lemma matched with its inflections) that decides an answer type. */
export interface TypeCue {
  /** Words in order, lower case; `*` stands for one to three words, `**` for one to six. */
  phrase: string;
  type: AnswerType;
  /** True when the cue asks for contact details outright ("mail", "telefonnummer", "kontakte"). */
  contact?: boolean;
  /**
   * True for a money cue that asks how much ("hvad kostede", "pris"), not who paid ("hvem
   * finansierede"): a sentence saying who paid does not state it (see `payerCues`).
   */
  amount?: boolean;
}

/** The sentences answers are written with, in one language. Case labels come in as Markdown ("**Læsehestene** (Lejre Kommune)"). */
export interface Phrases {
  /** What casechat does, for greetings and thanks. */
  help: string;
  /** The notice when a conversation id was unknown or expired. */
  newConversation: string;
  /** Leads a list of cases found for a need. */
  foundCases(n: number): string;
  /** Leads a list of other cases like the one discussed. */
  similarCases(label: string, n: number): string;
  /** Leads an answer to a follow-up on a question nothing answered: about the case nearest that question. */
  nearestCase(label: string): string;
  /** Leads the cases of an organisation. */
  organisationCases(organisation: string, n: number): string;
  /** Leads the contact people of a case. */
  contactsFor(label: string): string;
  /** When a case names nobody to contact. */
  noContact(label: string, organisations: string[]): string;
  /** Leads the organisations behind a case. */
  partnersOf(label: string, organisations: string[]): string;
  /** The rest of a capped list: "12 andre". */
  others(n: number): string;
  /** Leads what a case says. */
  about(label: string): string;
  /** When the case holds no sentence of the asked type: "Casen nævner ikke, hvad det kostede." */
  /** That none of several cases states what is asked. */
  noneMention(labels: string[], type: AnswerType, unit: string | null): string;
  notMentioned(label: string, type: AnswerType, unit: string | null): string;
  /** Leads the header line that gives a case's year or period ("ÅRSTAL: 2016"), asked when it started. */
  caseYear(label: string): string;
  /** Leads the nearest relevant sentence after notMentioned. */
  nearest: string;
  /** After notMentioned in a follow-up on the case discussed: where to ask instead. */
  askPeople: string;
  /** The same, for a case that names no contact person: its organisations (at least one). */
  askOrganisations: (orgs: string[]) => string;
  /** Overview rows. */
  rows: { what: string; results: string; resources: string };
  /** No case answers; `near` are titles of nearby cases. */
  decline(near: string[]): string;
  /** The named organisation has cases, none about the rest of the question. */
  declineOrganisation(organisation: string, missing: string[], titles: string[]): string;
  /** The case discussed does not mention what is asked, and no other case does. */
  declineInCase(label: string, missing: string[]): string;
  /** The case a question names does not mention what it is asked for ("… for borgere med KOL"). */
  declineNamed(label: string, missing: string[]): string;
  /** A follow-up with nothing to lean on: which case? */
  clarify(titles: string[]): string;
  /** The list just shown has no such item. */
  noSuchItem(n: number): string;
}

export interface LanguageProfile {
  id: string;
  /** Bumped whenever the profile's content changes what an analysis gives. */
  version: number;

  /** Endings a lemma may carry and still be the same word ("kost" + "ede" = "kostede"), longest first when matching. */
  inflections: string[];
  /**
   * Forms no ending rule reaches, with their lemma: plurals with a changed vowel ("børn" → "barn",
   * "hænder" → "hånd"). The index analyser reads them as the lemma, so "mit barn" meets "børnene";
   * also when typed without Danish letters ("bornene"), so no form may fold into another word.
   */
  irregularForms: Record<string, string>;

  /**
   * Word formation: how a word the corpus does not know may be built from one it knows. Search
   * reads such a word as its base, weighted and credited as a compound part: "nyuddannede" as
   * "uddannede", "fællesspisning" as "fælles" + "spise", "cyklister" as "cykel", "ældste" as "ældre".
   */
  derivation: {
    /** Prefixes that make a new word of a whole word ("ny|uddannede", "gen|indlagt"); what follows must be a word of its own. */
    prefixes: string[];
    /**
     * Derivational endings of a stem, each with what its base word ends in instead: ["ning", "e"]
     * reads "spisning" as "spise". An unstressed -e- the ending dropped comes back ("cykl|ist" → "cykel").
     */
    suffixes: Array<[string, string]>;
  };

  /** Closed word classes, as written (all forms); matched on the folded word. */
  closed: {
    pronouns: string[];
    determiners: string[];
    auxiliaries: string[];
    prepositions: string[];
    conjunctions: string[];
    particles: string[];
    quantifiers: string[];
    /** Short forms of function words and phrases ("pga." = på grund af, "bl.a.", "ift."): no topic. */
    shortenings: string[];
  };
  /** Pronouns and adverbs that point back at what was just discussed ("det", "de", "hun", "dér", "it"). */
  anaphora: string[];
  /** Small word classes the analyser reads the question's structure with. */
  grammar: {
    /**
     * Particles of particle verbs ("falde fra", "spritte af", "følge op på"). After its verb at the
     * end of a clause, a particle is kept with the verb for the search, which looks for the noun or
     * verb the two make as one word in the corpus ("frafald", "afspritning", "opfølgning").
     */
    verbParticles: string[];
    /** The marker of an infinitive ("at komme", "to come"): after a verb particle it is no end of the particle verb's clause. */
    infinitiveMarkers: string[];
    /** Coordinating conjunctions that open or join questions ("og", "men", "så"). */
    coordinators: string[];
    /** Conjunctions that join words inside a phrase ("for borgere med KOL og astma"), as well as clauses. */
    wordJoiners: string[];
    /** Relative pronouns opening a clause about the word before them ("der", "som"). */
    relatives: string[];
    /** Pronouns in their object or reflexive form ("ham", "dem", "sig"): never the subject after a verb ("hvor mange meldte sig?"). */
    objectPronouns: string[];
    /** Formal subjects that point at nothing ("der er …", "there is …"): no anaphora. */
    expletives: string[];
    /**
     * The pronoun and the verb of a cleft sentence ("hvor det er frivillige, der læser", "er det
     * stadig COI, som står for det?"): the pronoun next to the verb, a relative within a few words
     * after, points at what follows, not back.
     */
    cleft: { pronouns: string[]; verbs: string[] };
    /**
     * Generic verbs of perceiving and telling ("læse", "høre", "fortælle"): the asker's own act
     * ("jeg har læst om …", "kan du fortælle …") says nothing of the topic, but what others do
     * is one ("frivillige, der læser for børnene").
     */
    perceptionVerbs: string[];
    /** Endings of a noun's definite form, longest first ("erne", "ene", "en", "et"). */
    definiteEndings: string[];
    /** Indefinite articles: a noun after one is no definite form ("en viden"). */
    indefiniteArticles: string[];
    /** Words pointing at a kind already spoken of ("sådan en dims", "sådanne robotter"): the noun after them is taken as known. */
    kindPointers: string[];
    /** Conjunctions that, opening a question, go on with the conversation ("Og hvem betalte?", "Men virkede det?"). */
    continuers: string[];
    /** Finite auxiliaries that take a participle ("har … sparet", "blev … brugt", "fik … skrevet"): a pronoun right after one is its subject. */
    perfectAuxiliaries: string[];
    /** The auxiliary "have" of the perfect ("har været", "har deltaget"): with a participle after it, a question asks what has happened so far. */
    haveAuxiliaries: string[];
    /** Singular articles before an ordinal ("den første", "det andet"). */
    ordinalArticles: string[];
    /** First-person plural pronouns, by which a text's writer speaks for its organisation ("I Odense Kommune bruger vi …"). */
    firstPersonPlural: string[];
    /** Articles and demonstratives that, before a content word, are its determiner ("de unge"), not a pronoun. */
    determiners: string[];
    /** Nouns after a contact word that keep it a request for contact details ("phone number", "contact person"); any other noun makes it a modifier ("phone guidance"). */
    contactHeads: string[];
    /**
     * Nouns that, after an article, count or sort the noun that follows ("en flok unge", "et par
     * dage", "en lang række kommuner", "den slags"): they say how many or what kind, not what about.
     */
    measureNouns: string[];
    /** Genitive endings ("Københavns Kommune" → "København"). */
    genitiveEndings: string[];
    /** Endings of adjectives that, after an article, make it a determiner ("Den billigste robot …"), not a pronoun pointing back. */
    superlativeEndings: string[];
    /** The only endings a generic verb of at most three letters takes ("står", "gået"), so "stat" is no form of "stå". */
    shortVerbEndings: string[];
    /**
     * Past tense forms of the strong and irregular verbs ("faldt", "gik", "fandt"): no ending tells them for verbs, so
     * "hvor mange faldt fra?" would count "faldt". A closed class of the language.
     */
    strongPast: string[];
    /**
     * Unstressed prefixes a verb may carry before a strong past form, besides the verb particles ("bestod", "undgik",
     * "deltog"): such a word is a past tense as well.
     */
    verbPrefixes: string[];
    /**
     * Endings of the weak past tense ("startede", "mødte"). A word with one of them right after "hvor mange", and no
     * finite verb after it, is the verb of the count: "hvor mange gennemførte?" counts people, not "gennemførte".
     */
    weakPastEndings: string[];
    /** Prepositions of source: ending a "hvor" question, one asks where something came from ("hvor har de ideen fra?"). */
    sourcePrepositions: string[];
    /**
     * Past forms of verbs of getting: right after "hvor" (or its auxiliary and subject), one asks where something
     * came from, not where it is ("hvor har de fundet de folk?", "hvor fik de pengene?"); "hvor kan man finde den?" is a place.
     */
    sourceVerbs: string[];
    /**
     * Openers of a contrast: what follows, to the end of the clause, is what the asker already has or does not want
     * ("mere end bare kaffe og kage", "andet end et værelse", "udover biblioteket"), no topic.
     */
    contrastOpeners: string[];
    /** Negations: a weak sentence cue negated states the fact ("koster ikke kommunen ekstra penge", "uden ekstra udgifter"). */
    negations: string[];
  };
  /** Interrogatives and the answer type they ask for when nothing more specific follows. */
  interrogatives: Record<string, AnswerType | 'which' | 'how' | 'what' | 'where' | 'howmuch'>;
  /** Lemmas of verbs that say little about the topic ("gøre", "lave", "få"): never focus words. */
  genericVerbs: string[];
  /** Lemmas of nouns that only stand for "the case" or "a thing" ("projekt", "løsning", "måde"). */
  genericNouns: string[];
  /** Conversational fillers that are no topic ("gerne", "lige", "konkret", "derude"). */
  fillers: string[];
  /**
   * Fixed expressions whose words are no topic ("til rådighed", "i gang", "på skift", "brug for"):
   * stemmed alone, their nouns meet unrelated words ("rådighed" → "råd").
   */
  fixedExpressions: string[];

  /** Phrase cues for answer types, tried longest first anywhere in the question. */
  typeCues: TypeCue[];
  /** Head nouns after "hvilke"/"hvor mange"/"hvor stor", by the answer type they make. */
  headNouns: Partial<Record<AnswerType, string[]>>;
  /** Nouns that name a role a person has ("leder", "tovholder", "konsulent"); also as compound tails ("projektleder"). */
  personNouns: string[];
  /**
   * Nouns for kinds of professionals ("faggruppe", "fagfolk"): "hvilke faggrupper …?" asks for the
   * roles a sentence lists ("socialrådgiver, psykolog og sygeplejerske"), which `personNouns` name.
   */
  professionKinds: string[];
  /** After "hvordan": verbs that ask how it went (result) rather than how it is done (method). */
  resultVerbs: string[];
  /** After "hvordan": subjects that make it a search for cases ("man", "vi", "kommuner") rather than a question about the case discussed. */
  genericSubjects: string[];
  /** Phrases that ask "what kind of <noun>" ("hvad er det for nogle aktiviteter"): the noun after them is the head, as after "hvilke". */
  whatKindOf: string[];
  /** Words that open a request for a search among cases ("findes der", "er der nogen", "kender du"). */
  searchOpeners: string[];

  /** Conversational references. */
  references: {
    /** Words asking for other cases like the one discussed ("andre", "lignende", "også"). */
    similar: string[];
    /** Of those, the ones that ask for cases only when they stand for cases or are the subject ("andre kommuner", "har andre …"), not as any adjective. */
    weakSimilar: string[];
    /**
     * Of those, the additive particles ("også"): they ask for other cases when a search's subject is an
     * indefinite pronoun of `indefiniteSubjects` before them ("Har nogen også prøvet det?", "Er der nogen,
     * der også …"), not when the subject points back ("Har de også …?").
     */
    additives: string[];
    /** Words for "else" right after a subject ("hvad har Odense ellers gjort?"): what else it has done, other cases. */
    elseWords: string[];
    /** Indefinite pronouns that are the subject of a search for cases ("nogen", "nogle"; "nogle kommuner"). */
    indefiniteSubjects: string[];
    /** Prepositions of a part ("flere **af** den slags", "andre **af** samme type"): after a weak similar word, before a pronoun or determiner, it stands for cases. */
    partitives: string[];
    /** Phrases that open a refinement of the earlier question ("og i", "hvad med", "what about"). */
    refinementOpeners: string[];
    /** Phrases that switch to a new topic ("noget helt andet", "andet emne", "skifter emne"). */
    switches: string[];
    /** Ordinal words: 1-based position in the last list shown, -1 for the last. */
    ordinals: Record<string, number>;
    /** Nouns that stand for an item of the list shown ("case", "eksempel", "projekt"), after an ordinal. */
    listNouns: string[];
    /** The word for "the other" one of two ("anden", "andet"), read as "not the one just discussed". */
    other: string[];
    /** "The same" before a noun for an organisation or a place ("samme kommune"): the one behind the case discussed. */
    same: string[];
  };

  /** Greetings and thanks: small talk, answered with a short help text. */
  smallTalk: string[];

  /** Section headings' cue lemmas by role; a heading with none of them gets its role from its text. */
  sectionRoles: Partial<Record<SectionRole, string[]>>;
  /** The section roles where each answer type's answer usually stands, most likely first. */
  rolePriors: Partial<Record<AnswerType, SectionRole[]>>;

  /** Sentence-level cue lemmas per answer type: words a sentence that answers it tends to hold ("gratis" for money). */
  sentenceCues: Partial<Record<AnswerType, string[]>>;
  /**
   * Cue lemmas that show a sentence is about a type's topic without stating the fact ("budget",
   * "koster" of something else: "hvad hospitalsinfektioner koster sundhedsvæsenet"): they rank a
   * sentence, and tell a section's role, but alone do not make a case state what was asked.
   */
  weakSentenceCues: Partial<Record<AnswerType, string[]>>;
  /**
   * Words that place a figure in time (each word in any form, as sentence cues are matched): `soFar` what has happened
   * up to now ("indtil videre", "til nu"), `expected` what is planned or hoped for ("forventer", "målsætning", "frem
   * mod"), and `now` words that ask for the present in a question ("hvor mange er med nu?") but in a text often only
   * say that something is offered now. A count asked "so far" ("hvor mange har været igennem?", "… er med nu?") is
   * answered by the first rather than the second, and one asked of the plans by the second.
   */
  timeCues: Record<'soFar' | 'expected' | 'now', string[]>;
  /**
   * Money cues among `sentenceCues.money` that say who paid or funded it ("finansieret af",
   * "støttet af", "tilskud"): they answer "hvem betalte?", but not "hvad kostede det?", which only
   * an amount or a cue of what it cost ("gratis", "ingen ekstra udgifter") states.
   */
  payerCues: string[];
  /**
   * The answer types whose sentence cues, among a yes/no question's own words, say what kind of fact
   * it asks for ("Sparede de noget?", "Har det givet færre klager?" → result; "Fik de støtte fra en
   * fond?" → money). Types whose answer is a span a yes/no question does not ask for (a date) are left out.
   */
  yesNoCueTypes: AnswerType[];

  /** Typed-span vocabulary. */
  spans: {
    currency: string[];
    /** Scale words after a number ("mio", "millioner"). */
    scales: string[];
    percent: string[];
    /** The words between two numbers that make a share ("ni ud af ti"). */
    outOf: string[];
    /** Words that name a share without a number ("halvdelen", "hver tredje"). */
    shareWords: string[];
    months: string[];
    /** Times said relative to now ("sidste år", "i fjor"): dates too. */
    relativeDates: string[];
    /** The words around an amount of time that make it a time ago ("for" 3 år "siden"). */
    ago: [string, string];
    /** Units of time, for durations ("dage", "uger"). */
    timeUnits: string[];
    /** Nouns for people, lemmas: when "hvor mange" counts people ("hvor mange fik et lån?"), a number before one of them ("13 personer") is the count asked for. */
    peopleNouns: string[];
    /** Of those, the ones for anyone ("personer", "deltagere"): a count of them answers a count of people named otherwise ("hvor mange ledige …"). */
    anyPeople: string[];
    /** Number words ("to" → 2). */
    numberWords: Record<string, number>;
    /** Words that introduce a place ("i", "på") and place nouns ("kommune", "region", "by"). */
    placeWords: string[];
    /** Frequency patterns' words ("hver", "gange", "ugentlig", "årligt"). */
    frequencyWords: string[];
    /** Number words that are also articles ("en", "et"): no number unless stressed ("én"). */
    articles: string[];
    /** Amounts of time without a number ("et halvt", "et par" år). */
    vagueAmounts: string[];
    /** A unit of time joined to a number that gives an age, not a duration ("3-6-årige børn", "en 15-årig"). */
    ageForms: string[];
    /** "Times" in "3 gange om ugen", and the words after it ("om", "pr.", "hver"). */
    times: string[];
    perWords: string[];
    /** Small words inside a multi-word name ("Center for Offentlig Innovation", "Slots- og Kulturstyrelsen"). */
    nameJoiners: string[];
    /** Prepositions before a place name ("i Aarhus", "på Fyn"). */
    placePrepositions: string[];
  };

  /** Abbreviations that end in a full stop without ending a sentence ("pr.", "ca.", "f.eks."). */
  abbreviations: string[];
  /**
   * Abbreviations among `abbreviations` that stand last in a phrase ("1,8 mio. kr.", "m.v.", "osv."):
   * followed by a capitalised word, their full stop also ends the sentence ("… ca. 1,8 mio. kr. I
   * forlængelse af …"). The others always lead on ("ca. 20", "f.eks. Aarhus", "H. C.").
   */
  closingAbbreviations: string[];
  /** Pronouns and connectives that make a sentence lean on the one before it ("Den", "Derfor", "Det"). */
  leaningOpeners: string[];
  /** Conjunctions that make a written sentence a fragment of the one before ("Fordi der er tillid hele vejen rundt."): it is quoted with it, however long. */
  fragmentOpeners: string[];
  /** Words that open the other half of a comparison ("Tidligere tog det typisk 3 timer."): a short such sentence after a quoted one is quoted with it. */
  comparisonOpeners: string[];
  /** Words for the kind of body an organisation is, left out when its name is used alone ("Herning" for "Herning Kommune"), all forms. */
  organisationKinds: string[];
  /** Labels that open a figure caption or a credit ("Billede:", "Foto:"): never quoted as a fact. */
  captionLabels: string[];
  /**
   * Labels of a case's header field that gives its year or period ("ÅRSTAL: 2015 - 2018" in the
   * award booklets): a question when the case started or ran is answered with that line.
   */
  yearLabels: string[];
  /** Labels a saved web page writes before its date ("Dato: 12.03.2019 –", "date 2018-10 -"): the date line is no part of the sentence it opens. */
  dateLabels: string[];
  /**
   * Pointing words that form adverbs with any preposition ("der" + "igennem" = "Derigennem",
   * "her" + "med" = "Hermed"): such an opener leans on the sentence before it too.
   */
  pointingPrefixes: string[];

  /** Answer sentences: Danish, and English for plain English questions. */
  phrases: { da: Phrases; en: Phrases };

  /** English words → Danish search words, for plain English questions. */
  glossary: Record<string, string>;
  /**
   * Danish words people ask with that the cases do not use → the words the cases use for the same
   * thing ("landdistrikt" → "yderområde"). Base forms, matched by stem; a question word the corpus
   * does not know is searched as these (see `QueryTermKind` 'synonym').
   */
  synonyms: Record<string, string[]>;
  /** English function words, to tell an English question from a Danish one. */
  englishMarkers: string[];
  /** Danish function words, likewise. */
  danishMarkers: string[];
}
