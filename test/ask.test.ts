import { describe, expect, it } from 'vitest';
import { createAnswerer, selectTerms, type AskResult } from '../src/answer/ask.js';
import { analyse } from '../src/answer/analyse.js';
import { search } from '../src/search/hybrid.js';
import { testEngine } from './app.js';

async function conversation() {
  const engine = await testEngine();
  const answerer = createAnswerer(engine);
  let id: string | undefined;
  return {
    engine,
    async ask(question: string): Promise<AskResult> {
      const r = await answerer.ask(question, id);
      id = r.conversationId;
      return r;
    },
  };
}

describe('answers', () => {
  it("weighs the words borrowed from the last question together at most as much as the question's own", async () => {
    const engine = await testEngine();
    const mass = (ts: ReturnType<typeof selectTerms>) => engine.index.lexical.mass(ts);
    const carry = ['kommunerne', 'hospitalet', 'forløbet', 'borgere', 'blodprop', 'hjernen', 'genoptræning'];
    const own = selectTerms(engine, analyse('Hvad har de så ændret?'), []);
    const both = selectTerms(engine, analyse('Hvad har de så ændret?'), carry);
    expect(own.length).toBeGreaterThan(0);
    expect(mass(both) - mass(own)).toBeLessThanOrEqual(mass(own) + 1e-9);
    // a few borrowed words of little weight keep half their weight
    const few = selectTerms(engine, analyse('Hvem betalte for udstyret og uddannelsen af personalet?'), ['hjernen']);
    expect(few.find((t) => t.source === 'hjernen')?.weight).toBe(0.5);
  });

  it('names who is behind a case, its organisations capped, then its contacts; a contact question gets the contacts only', async () => {
    const c = await conversation();
    const behind = await c.ask('Hvem står bag Hjem til Alle?');
    expect(behind.answer).toMatch(/^Bag \*\*Hjem til Alle\*\* står Socialstyrelsen, Københavns Professionshøjskole, .+ og \d+ andre\./);
    expect(behind.answer).toContain('anne@hjemtilalle.dk');
    const contact = await (await conversation()).ask('Hvem er kontaktperson for Hjem til Alle?');
    expect(contact.answer).not.toContain('Bag **Hjem til Alle**');
    expect(contact.answer).toContain('anne@hjemtilalle.dk');
  });

  it('says plainly that a case does not count what is asked, and where to ask when it names no contact person', async () => {
    const c = await conversation();
    await c.ask('Fortæl om Hjem til Alle Alliancen');
    // the case holds "79 procent af innovationerne" and "én eller flere aktører": neither counts the young people
    const r = await c.ask('Hvor mange unge har de fået hjulpet?');
    expect(r.answer).toMatch(/^\*\*Hjem til Alle Alliancen\*\* nævner ikke hvor mange unge\./);
    expect(r.answer).toContain('Casen nævner ingen kontaktperson, men Odense Kommune');
    expect(r.answer).not.toContain('kontaktpersoner kan måske svare');
    expect(r.citations).toEqual([]);
  });

  it('answers when a case started with the year its header gives, cited at its line', async () => {
    const c = await conversation();
    await c.ask('Fortæl om Humøroptimisterne');
    const r = await c.ask('Hvornår kom de i gang?');
    expect(r.plan.answerType).toBe('date');
    expect(r.answer).toMatch(/^Årstallet for \*\*Humøroptimisterne\*\*.* i samlingen: ÅRSTAL: \d{4}/);
    const cited = r.citations[0];
    expect(cited.quote).toMatch(/^ÅRSTAL: \d{4}/);
    expect(cited.source.lineStart).toBe(cited.source.lineEnd);
    // asked when something in it happened, the sentence of the text that dates it
    const scaled = await (await conversation()).ask('Hvornår blev Mindhelper udbredt til hele landet?');
    expect(scaled.answer).not.toContain('Årstallet');
    expect(scaled.answer).toContain('1. januar 2019');
    // a case with no such header (a web page) is answered from its text
    const page = await (await conversation()).ask('Hvornår åbnede Odenses udstillingslejlighed for velfærdsteknologi?');
    expect(page.answer).not.toContain('Årstallet');
    expect(page.answer).toContain('juni 2013');
  });

  it('gives the contact persons of a named case with role, organisation, email and phone', async () => {
    const c = await conversation();
    const r = await c.ask('Hvem kan jeg kontakte om Læsehestene?');
    expect(r.cases.map((x) => x.id)).toEqual(['laesehestene']);
    expect(r.answer).toContain('Du kan kontakte disse om **Læsehestene** (Lejre Kommune, Helsefonden):');
    expect(r.answer).toContain('Sine Jung Gormsen, Tovholder på +DIG, Lejre Kommune · sjgo@lejre.dk · tlf. 61 19 58 31');
    expect(r.answer).toContain('kaen@lejre.dk');
    expect(r.citations.length).toBeGreaterThan(0);
    expect(r.citations.every((x) => x.caseId === 'laesehestene')).toBe(true);
  });

  it('marks a repaired email and shows it as written', async () => {
    const c = await conversation();
    const r = await c.ask('Hvem kan jeg kontakte om at reformere indsatserne mod hjemløshed blandt unge?');
    expect(r.answer).toContain('anne@hjemtilalle.dk (rettet fra «anneghjemtilalle.dk»)');
  });

  it('lists the cases of an organisation', async () => {
    const c = await conversation();
    const r = await c.ask('Hvilke projekter har Herning Kommune?');
    expect(r.cases.map((x) => x.id).sort()).toEqual(['fokus-paa-talent', 'heartwork', 'herning-som-danmarks-smart-city']);
    expect(r.answer.startsWith('Herning Kommune står bag eller er med i 3 cases:')).toBe(true);
  });

  it('describes a case in detail with its resources and contacts', async () => {
    const c = await conversation();
    const r = await c.ask('Fortæl mere om Datademokrati');
    expect(r.answer.startsWith('**Datademokrati** (Aarhus Kommune')).toBe(true);
    expect(r.answer).toContain('975.000 kr.');
    expect(r.answer).toContain('jku@aarhus.dk');
  });

  it('quotes the sentence holding the figure a fact question asks for, exactly as written', async () => {
    const c = await conversation();
    const r = await c.ask('Hvad koster VR-udstyret til angsttræning, som Silkeborg Kommune bruger?');
    expect(r.cases[0].id).toBe('virtual-reality-hjaelper-unge-med-social-angst');
    expect(r.answer).toContain('10.000-25.000 kr.');
  });

  it('answers a question for a figure about the case that states it, when the best case found does not', async () => {
    const r = await (await conversation()).ask('Hvor mange procent af de offentlige innovationer bliver til i samarbejde med aktører udefra?');
    expect(r.cases.map((x) => x.id)).toEqual(['hjem-til-alle-alliancen']);
    expect(r.answer).toContain('79 procent');
    expect(r.answer).not.toContain('nævner ikke');
  });

  it('lists first the cases the organisation a topic question names leads, then those it takes part in', async () => {
    const r = await (await conversation()).ask('Hvilke tilbud har Odense Kommune til unge hjemløse?');
    // Odense Kommune leads Hjem til Alle Alliancen and is one of many partners in Hjem til Alle
    expect(r.cases.map((x) => x.id)).toEqual(['hjem-til-alle-alliancen', 'hjem-til-alle']);
  });

  it('answers follow-ups about the case just discussed, and starts a new search for a new topic', async () => {
    const c = await conversation();
    const first = await c.ask('Er der nogen, der har arbejdet med overgangen fra børne- og ungdomspsykiatrien tilbage til folkeskolen?');
    expect(first.cases[0].id).toBe('tilbage-til-skole');
    const money = await c.ask('Hvordan blev det finansieret?');
    expect(money.cases.map((x) => x.id)).toEqual(['tilbage-til-skole']);
    expect(money.answer).toContain('Sundhedsstyrelsen');
    const who = await c.ask('Hvem kan jeg kontakte om det?');
    expect(who.cases.map((x) => x.id)).toEqual(['tilbage-til-skole']);
    expect(who.answer).toContain('psyk.bu.sdb.odense@rsyd.dk');
    const other = await c.ask('Hvordan kan frivillige pensionister læse højt for børnehavebørn?');
    expect(other.cases[0].id).toBe('laesehestene');
  });

  it('narrows the earlier topic when a follow-up adds a place ("og i Odense?")', async () => {
    const c = await conversation();
    await c.ask('Hvordan hjælper man hjemløse unge?');
    const r = await c.ask('og i Odense?');
    expect(
      r.cases
        .slice(0, 2)
        .map((x) => x.id)
        .sort(),
    ).toEqual(['hjem-til-alle', 'hjem-til-alle-alliancen']);
    expect(r.cases.every((x) => x.organisations.includes('Odense Kommune'))).toBe(true);
  });

  it('answers a plain English question from the Danish cases with an English lead sentence', async () => {
    const c = await conversation();
    const r = await c.ask('How do municipalities help homeless young people?');
    expect(r.answer.startsWith('I found')).toBe(true);
    expect(r.cases.map((x) => x.id)).toContain('hjem-til-alle');
  });

  it('says honestly that no case covers a question, without citations, and suggests topics that exist', async () => {
    const c = await conversation();
    const r = await c.ask('Hvordan behandler andre kommuner ansøgninger om udeservering på fortove og torve?');
    expect(r.citations).toEqual([]);
    expect(r.cases).toEqual([]);
    expect(r.answer).toMatch(/^Jeg kunne ikke finde en case i samlingen/);
    expect(r.answer).toContain('Nærliggende emner, der findes: «');
    // the topics suggested are the cases the declining search ranked nearest, without a search of their own
    const declined = await search(c.engine, analyse('Hvordan behandler andre kommuner ansøgninger om udeservering på fortove og torve?').searchText);
    expect(declined.declined).toBe('uncovered');
    const titles = (declined.nearest ?? []).slice(0, 3).map((x) => `«${x.title}»`);
    expect(titles.length).toBeGreaterThan(0);
    expect(r.answer).toContain(titles.join(', '));
    // a question that is answered has none
    expect((await search(c.engine, 'hjemløse unge bolig')).nearest).toBeUndefined();
  });

  it('says that a case asked for by name does not mention whom the question asks it for, in the words the asker wrote', async () => {
    const r = await (await conversation()).ask('Findes der en digital patientuddannelse for folk med KOL?');
    expect(r.declined).toBe(true);
    expect(r.citations).toEqual([]);
    expect(r.answer).toBe('Jeg fandt ingen case om det: **Digital Patientuddannelse** nævner ikke KOL.');
    // for those it serves, it is answered
    const served = await (await conversation()).ask('Findes der en digital patientuddannelse for folk med type 2-diabetes?');
    expect(served.declined).toBe(false);
    expect(served.cases[0].title).toBe('Digital Patientuddannelse');
  });
});

describe('small talk', () => {
  it('answers a greeting with what it can do, citing nothing', async () => {
    const c = await conversation();
    const r = await c.ask('Hej!');
    expect(r.answer.startsWith('Hej! Jeg finder innovationscases')).toBe(true);
    expect(r.citations).toEqual([]);
    expect(r.cases).toEqual([]);
  });
});
