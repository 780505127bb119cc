/**
 * Plain English questions are searched in Danish: a glossary of public-sector words turns each
 * English word into its Danish search words; names and words without an entry are kept as typed.
 */
const GLOSSARY: Record<string, string> = {
  homeless: 'hjemløse hjemløshed', homelessness: 'hjemløshed hjemløse', young: 'unge', youth: 'unge', youngsters: 'unge',
  children: 'børn', child: 'børn', kids: 'børn', pupils: 'elever', students: 'elever studerende', school: 'skole', schools: 'skoler',
  teaching: 'undervisning', education: 'uddannelse', special: 'særlig', workshop: 'værksted', shop: 'butik', street: 'gade',
  pedestrian: 'gågade', elderly: 'ældre', older: 'ældre', seniors: 'ældre', pensioners: 'pensionister', nursing: 'pleje',
  home: 'hjem', homes: 'hjem', housing: 'bolig boliger', dementia: 'demens', relatives: 'pårørende', families: 'familier',
  patients: 'patienter', patient: 'patient', cancer: 'kræft', hospital: 'hospital sygehus', doctors: 'læger', nurses: 'sygeplejersker',
  nurse: 'sygeplejerske', infection: 'infektioner', infections: 'infektioner', tests: 'prøver analyser', test: 'prøve', response: 'svar',
  time: 'tid', hours: 'timer', decision: 'beslutning', aid: 'hjælp', decisions: 'beslutninger', design: 'design', input: 'input',
  municipality: 'kommune', municipalities: 'kommuner', region: 'region', regions: 'regioner', state: 'stat', public: 'offentlige',
  employees: 'medarbejdere', staff: 'personale medarbejdere', workplace: 'arbejdsplads', workplaces: 'arbejdspladser',
  internship: 'praktik', internships: 'praktik innovationspraktik', ideas: 'idéer', innovation: 'innovation', volunteers: 'frivillige',
  volunteer: 'frivillige', reading: 'læsning oplæsning', read: 'læse', language: 'sprog', loneliness: 'ensomhed', lonely: 'ensomme',
  meals: 'måltider mad', food: 'mad', cafe: 'café', café: 'café', refugees: 'flygtninge', integration: 'integration', jobs: 'job',
  job: 'job', unemployed: 'ledige', unemployment: 'ledighed', business: 'virksomhed', businesses: 'virksomheder', companies: 'virksomheder',
  tax: 'skat skatteforvaltningen', administration: 'forvaltning styrelse', vat: 'moms', phone: 'telefon', guidance: 'vejledning',
  improve: 'forbedre', debt: 'gæld', payment: 'betaling', pay: 'betale', mobile: 'mobil', robot: 'robot', robots: 'robotter',
  technology: 'teknologi', digital: 'digital', data: 'data', open: 'åbne', democracy: 'demokrati', library: 'bibliotek',
  libraries: 'biblioteker', citizens: 'borgere', citizen: 'borger', mental: 'psykisk mental', health: 'sundhed',
  anxiety: 'angst', social: 'social', virtual: 'virtual', reality: 'reality', climate: 'klima', rain: 'regn regnvand', water: 'vand',
  traffic: 'trafik', mobility: 'mobilitet', city: 'by byen', clean: 'ren', waste: 'affald', prison: 'fængsel', prisoners: 'indsatte',
  release: 'løsladelse', crime: 'kriminalitet', police: 'politi', terror: 'terror', firefighters: 'brandmænd', emergency: 'beredskab',
  stroke: 'stroke blodprop apopleksi', rehabilitation: 'rehabilitering genoptræning', network: 'netværk', meetings: 'møder',
  meeting: 'møde', cooperation: 'samarbejde', collaboration: 'samarbejde', partnership: 'partnerskab', workforce: 'arbejdskraft',
  recruitment: 'rekruttering', general: 'almen', practitioners: 'praktiserende læger', visitation: 'visitation', trust: 'tillid',
  assistive: 'hjælpemidler', devices: 'hjælpemidler', nightlife: 'natteliv', tourists: 'turister', routes: 'ruter', sport: 'sport',
  talent: 'talent', drop: 'frafald', dropout: 'frafald', absence: 'fravær', hygiene: 'hygiejne', hand: 'hånd', microloans: 'mikrolån',
  people: 'mennesker borgere', person: 'person', help: 'hjælp hjælpe', helps: 'hjælper', helping: 'hjælpe', support: 'støtte', disabled: 'handicap',
  disability: 'handicap', disabilities: 'handicap', autism: 'autisme', depression: 'depression', stress: 'stress', wellbeing: 'trivsel',
  care: 'pleje omsorg', carers: 'pårørende', caregivers: 'pårørende', parents: 'forældre', kindergarten: 'børnehave', daycare: 'dagtilbud dagpleje',
  nursery: 'vuggestue', teacher: 'lærer', teachers: 'lærere', training: 'træning uddannelse', course: 'kursus forløb', courses: 'kurser',
  employment: 'beskæftigelse', jobcentre: 'jobcenter', jobcenter: 'jobcenter', welfare: 'velfærd', recycling: 'genbrug', flooding: 'skybrud oversvømmelse',
  cloudburst: 'skybrud', energy: 'energi', transport: 'transport trafik', bus: 'bus', bicycle: 'cykel', bicycles: 'cykler', cyclists: 'cyklister',
  parking: 'parkering', app: 'app', online: 'online digital', internet: 'internet nettet', sensor: 'sensor', sensors: 'sensorer', smart: 'smart',
  immigrants: 'indvandrere', migrants: 'indvandrere', diabetes: 'diabetes', heart: 'hjerte', lung: 'lunge', kitchen: 'køkken', garden: 'have',
  nature: 'natur', culture: 'kultur', tourism: 'turisme', neighbourhood: 'kvarter boligområde', neighborhood: 'kvarter boligområde',
  entrepreneurs: 'iværksættere', entrepreneur: 'iværksætter', 'self-employed': 'selvstændig', managers: 'ledere', leaders: 'ledere',
  leadership: 'ledelse', management: 'ledelse', sector: 'sektor', private: 'private', volunteering: 'frivillig', association: 'forening',
  associations: 'foreninger', sharing: 'deling dele', share: 'dele', reuse: 'genbruge genbrug', solutions: 'løsninger', solution: 'løsning',
  projects: 'projekter', example: 'eksempel', examples: 'eksempler', municipal: 'kommunale', regional: 'regionale',
  psychiatric: 'psykiatrisk psykiatrien', psychiatry: 'psykiatri', therapy: 'behandling', treatment: 'behandling', medicine: 'medicin',
  ambulance: 'ambulance', night: 'nat', noise: 'støj', litter: 'affald skrald', rubbish: 'affald skrald',
  cleaning: 'rengøring renholdelse', streets: 'gader', buildings: 'bygninger', building: 'bygning', renovation: 'ombygning renovering',
  residents: 'beboere', housingassociation: 'boligforening', university: 'universitet', research: 'forskning',
  evaluation: 'evaluering', evaluated: 'evalueret', results: 'resultater', saving: 'besparelse', savings: 'besparelser', speech: 'sprog tale', dialogue: 'dialog', involvement: 'inddragelse', isolated: 'ensomme isolerede', games: 'spil', game: 'spil', puzzle: 'puslespil', sustainability: 'bæredygtighed',
  sustainable: 'bæredygtig', green: 'grøn grønne', stone: 'sten', paving: 'belægning', road: 'vej', roads: 'veje',
  photos: 'fotos billeder', visualisation: 'visualisering', visualization: 'visualisering', maps: 'kort', automation: 'automatisering', robotic: 'robot',
  process: 'proces processer', platform: 'platform', journal: 'journal', records: 'journal', wait: 'vente ventetid', waiting: 'ventetid',
  diagnosis: 'diagnose', laboratory: 'laboratorium', samples: 'prøver', stockings: 'strømper', splint: 'skinne',
  loans: 'lån', days: 'dage', day: 'dag', new: 'nye', short: 'kort korte', danish: '', denmark: 'Danmark', weeks: 'uger', week: 'uge', year: 'år', years: 'år',
  products: 'produkter', developing: 'udvikle', develop: 'udvikle', budget: 'budget', annual: 'årlige', often: 'ofte', cost: 'kost pris', costs: 'kost udgifter', money: 'penge', funding: 'finansiering', many: 'mange', how: 'hvordan',
  who: 'hvem', contact: 'kontakt', called: 'hedder', project: 'projekt', moved: 'flyttet', part: 'del', cut: 'nedbragt',
};

const ENGLISH_STOP = new Set(
  'a an the of to in on at for with and or but is are was were be been do does did can could should would will shall may might i we you they he she it my our your their this that these those what which whom whose when where why there here from by as into about than then so such also any some all each other more most less very just not no yes if how who'.split(' '),
);

/** Danish search words for an English question: glossary entries, names and unknown words kept as typed. */
export function englishToDanish(question: string): string {
  const out: string[] = [];
  for (const raw of question.match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? []) {
    const w = raw.toLowerCase().replace(/'s$/, '');
    const g = GLOSSARY[w] ?? GLOSSARY[w.replace(/s$/, '')];
    if (g !== undefined) out.push(g);
    // names, acronyms and numbers are kept; other English words mean nothing to the Danish cases
    else if (!ENGLISH_STOP.has(w) && (/^\p{Lu}/u.test(raw) || /\d/.test(raw))) out.push(raw);
  }
  return out.join(' ');
}

const ENGLISH_WORDS = new Set('the a an of to in on at for with and or is are was were did does do how what who which when where why can could should would will has have had that this these those my our your their from by about into than'.split(' '));
const DANISH_WORDS = new Set('og i på til af med en et at som er det den de har kan hvordan hvem hvilke hvad hvor man vi jeg om fra for der ikke også være blev'.split(' '));

/** True when a question reads as English rather than Danish: more English than Danish function words. */
export function isEnglish(question: string): boolean {
  if (/[æøå]/i.test(question)) return false;
  const words = question.toLowerCase().match(/\p{L}+/gu) ?? [];
  const en = words.filter((w) => ENGLISH_WORDS.has(w)).length;
  const da = words.filter((w) => DANISH_WORDS.has(w)).length;
  return en >= 2 && en > da;
}
