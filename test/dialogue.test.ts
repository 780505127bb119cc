import { describe, expect, it } from 'vitest';
import { createAnswerer, type AskResult } from '../src/answer/ask.js';
import { memoryConversations } from '../src/store/memory.js';
import { createApp } from '../src/server/app.js';
import { testEngine } from './app.js';
import { corpusLines } from './corpus.js';

/** A conversation through the real Hono app over the real index: each turn a POST /api/ask with the conversation id. */
async function chat(conversations = memoryConversations()) {
  const engine = await testEngine();
  const app = createApp({ engine, answerer: createAnswerer(engine, conversations), allowedOrigins: [], rateLimitPerMinute: 0 });
  let id: string | undefined;
  return {
    async ask(question: string, conversationId = id): Promise<AskResult> {
      const res = await app.request('/api/ask', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question, conversationId }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as AskResult;
      id = body.conversationId;
      return body;
    },
  };
}

const ids = (r: AskResult) => r.cases.map((c) => c.id);
const cited = (r: AskResult) => [...new Set(r.citations.map((c) => c.caseId))];

describe('conversations through the API', () => {
  it('switches topic in the middle, then answers a pronoun follow-up about the new topic', async () => {
    const c = await chat();
    expect(ids(await c.ask('Hvordan kan frivillige læse højt for børn i dagplejen?'))).toContain('laesehestene');
    const who = await c.ask('Hvem kan jeg kontakte om det?');
    expect(ids(who)).toEqual(['laesehestene']);
    expect(who.answer).toContain('sjgo@lejre.dk');

    const other = await c.ask('Noget helt andet: hvordan hjælper man hjemløse unge med en bolig?');
    expect(other.plan.why).toBe('switches topic');
    expect(ids(other)[0]).toBe('hjem-til-alle');
    const again = await c.ask('Hvem kan jeg kontakte om det?');
    // (the new topic was answered with a list: the contacts of each listed case, its first first)
    expect(ids(again)).toEqual(ids(other).slice(0, 3));
    expect(ids(again)[0]).toBe('hjem-til-alle');
    expect(again.answer).toContain('anne@hjemtilalle.dk');
    expect(again.plan).toMatchObject({ answerType: 'person', followUp: true });
  });

  it('answers a request for similar cases with other cases than those shown', async () => {
    const c = await chat();
    const first = await c.ask('Hvordan hjælper man hjemløse unge med en bolig?');
    const more = await c.ask('Er der andre, der har gjort noget lignende?');
    expect(more.plan).toMatchObject({ answerType: 'topic', followUp: true });
    expect(more.cases.length).toBeGreaterThan(0);
    for (const id of ids(more)) expect(ids(first)).not.toContain(id);
    expect(more.answer.startsWith('Andre cases, der ligner **Hjem til Alle**')).toBe(true);
  });

  it('shows the nearest other cases for a request for similar ones in words of its own that a new question would not be answered with', async () => {
    const c = await chat();
    expect(ids(await c.ask('Har nogen koblet ældre på plejehjem sammen med skoleelever?'))).toEqual(['heartwork']);
    const more = await c.ask('Kender du andre eksempler på at bekæmpe ensomhed hos ældre borgere?');
    expect(more.plan.why).toBe('similar cases, leaving out those shown');
    expect(ids(more)).toContain('spisegrupper-skaber-tryghed-og-nye-faellesskaber');
    expect(ids(more)).not.toContain('heartwork');
  });

  it('answers a question picking none of the cases just listed about each of them: the contacts of every listed case', async () => {
    const c = await chat();
    const list = await c.ask('Hvordan får børn mere sprog?');
    expect(ids(list).length).toBeGreaterThanOrEqual(2);
    const who = await c.ask('Hvem kan jeg kontakte om det?');
    expect(who.plan.why).toBe('no words of its own, after several cases: about each');
    expect(ids(who)).toEqual(ids(list).slice(0, 3));
    for (const k of who.cases) {
      expect(who.answer).toContain(`**${k.title}**`);
      for (const p of k.contacts) if (p.email) expect(who.answer).toContain(p.email);
    }
    // a word only one of them holds then picks that one
    const owned = await c.ask('Hvor mange frivillige læser for børnene?');
    expect(ids(owned)).toEqual(['laesehestene']);
  });

  it('picks an ordinal from the list shown', async () => {
    const c = await chat();
    const list = await c.ask('Hvordan får børn mere sprog?');
    expect(ids(list).length).toBeGreaterThanOrEqual(2);
    const second = await c.ask('Fortæl mere om den anden');
    expect(ids(second)).toEqual([ids(list)[1]]);
    expect(second.plan.why).toBe('item 2 of the list shown');
  });

  it('narrows the earlier topic twice in a row, each refinement replacing the one before', async () => {
    const c = await chat();
    await c.ask('Hvordan får børn mere sprog?');
    const lejre = await c.ask('og i Lejre?');
    expect(ids(lejre)).toEqual(['laesehestene']);
    const stevns = await c.ask('og i Stevns?');
    expect(ids(stevns)).toEqual(['nytaenkning-af-sprogstimulering-til-3-6-aarige-borgere']);
    expect(stevns.cases.every((x) => x.organisations.includes('Stevns Kommune'))).toBe(true);
  });

  it('asks which case is meant when a follow-up comes on an expired conversation', async () => {
    let now = 0;
    const c = await chat(memoryConversations({ ttlMs: 1000, now: () => now }));
    const first = await c.ask('Hvordan kan frivillige læse højt for børn i dagplejen?');
    now = 5000;
    const late = await c.ask('Hvad kostede det?', first.conversationId);
    expect(late.conversationId).not.toBe(first.conversationId);
    expect(late.notice).toBe('Samtalen fandtes ikke længere (ukendt eller udløbet), så der er startet en ny.');
    expect(late.answer.startsWith('Hvilken case tænker du på?')).toBe(true);
    expect(late.citations).toEqual([]);
    expect(late.plan.why).toBe('a follow-up with no conversation');
  });

  it('answers a request for similar cases after a question that only named a case with cases like it', async () => {
    const c = await chat();
    await c.ask('Hvem står bag Læsehestene?');
    const like = await c.ask('Er der andre, der har gjort noget lignende?');
    expect(like.declined).toBe(false);
    expect(ids(like).length).toBeGreaterThan(0);
    expect(ids(like)).not.toContain('laesehestene');
    expect(like.plan.why).toBe('cases like the one discussed');
  });

  it('asks which case is meant when a follow-up comes after a switch that found nothing', async () => {
    const c = await chat();
    await c.ask('Hvordan kan frivillige læse højt for børn i dagplejen?');
    const snow = await c.ask('Noget helt andet: hvordan rydder man sne på cykelstierne?');
    expect(snow.citations).toEqual([]);
    const after = await c.ask('Hvad kostede det?');
    expect(after.citations).toEqual([]);
    expect(after.answer.startsWith('Hvilken case tænker du på?')).toBe(true);
  });

  it('answers a follow-up on a declined question about the nearest case holding its words, saying so, and otherwise asks with examples', async () => {
    const c = await chat();
    const first = await c.ask('Hos os drukner mellemlederne i statusmøder. Hvad gør andre?');
    expect(first.declined).toBe(true);
    const often = await c.ask('Hvor tit mødes de?');
    expect(ids(often)).toEqual(['forbedringstorsdage-skaber-et-innovativt-arbejdsmiljoe-i-regionspsykiatrien']);
    expect(often.answer.startsWith('Ingen case svarer helt på dit spørgsmål; den nærmeste er **Forbedringstorsdage')).toBe(true);
    expect(often.answer).toContain('hver anden uge');
    const d = await chat();
    await d.ask('Hos os drukner mellemlederne i statusmøder. Hvad gør andre?');
    const who = await d.ask('Hvem står bag det?');
    expect(who.citations).toEqual([]);
    expect(who.answer).toMatch(/^Hvilken case tænker du på\? Fx «.*Forbedringstorsdage/);
  });

  it('declines a question no case answers inside a conversation, and keeps the case discussed for the next turn', async () => {
    const c = await chat();
    await c.ask('Hvordan kan frivillige læse højt for børn i dagplejen?');
    const snow = await c.ask('Hvordan rydder Herning Kommune sne om vinteren?');
    expect(snow.declined).toBe(true);
    expect(snow.citations).toEqual([]);
    expect(snow.answer.startsWith('Herning Kommune har disse cases:')).toBe(true);
    const who = await c.ask('Hvem kan jeg kontakte om det?');
    expect(ids(who)).toEqual(['laesehestene']);
  });

  it('says plainly that the case discussed does not state a figure asked for, quoting nothing, and stays on the case', async () => {
    const c = await chat();
    expect(ids(await c.ask('Hvordan kan et barn, der ikke kan komme i skole, alligevel følge med i timerne?'))).toContain(
      'robotteknologi-til-boern-der-ikke-kan-komme-i-skole',
    );
    // the case states a price: it is quoted
    const price = await c.ask('hvad koster sådan en robot?');
    expect(price.answer).toContain('15.000 kr.');
    // it states no share of better marks: said so, with nothing quoted in place of the answer
    const share = await c.ask('hvor mange procent bedre blev karaktererne så?');
    expect(share.citations).toEqual([]);
    expect(share.answer).toContain('nævner ikke hvor stor en andel');
    // the case is still the one discussed
    const who = await c.ask('hvem kan jeg kontakte?');
    expect(ids(who)).toEqual(['robotteknologi-til-boern-der-ikke-kan-komme-i-skole']);
    expect(who.answer).toContain('mortenjacobsen@svnp.dk');
  });

  it('looks among the cases of the same municipality for "samme kommune", and answers who runs a thing with the sentence saying so', async () => {
    const c = await chat();
    expect(ids(await c.ask('Findes der træningshold for hjemmeboende med en demenssygdom i starten af forløbet?'))).toContain('humoeroptimisterne');
    // "hvem står for holdene?" asks who runs them, not only whom to call
    const who = await c.ask('hvem står for holdene?');
    expect(who.answer).toContain('DGI');
    const same = await c.ask('og hvad tilbyder samme kommune de pårørende?');
    expect(same.plan.why).toBe('the organisation behind the case discussed');
    expect(ids(same)[0]).toBe('paaroerende-til-demensramte-tager-paa-hoejskoleophold');
  });

  it('answers who runs a case with the sentence saying so before its contacts, and whom to contact with the contacts alone', async () => {
    const c = await chat();
    expect(ids(await c.ask('Findes der en hjemmeside, hvor unge kan få råd, når de har det svært?'))).toContain(
      'mindhelper-dk-guider-unge-gennem-haarde-tider',
    );
    const who = await c.ask('hvem driver den i dag?');
    expect(who.answer.startsWith('Om **Mindhelper.dk')).toBe(true);
    expect(who.answer).toContain('jakob@mindhelper.dk');
    const contact = await c.ask('hvem kan jeg kontakte?');
    expect(contact.answer.startsWith('Du kan kontakte disse')).toBe(true);
  });

  it('cites only cases it answers about, each quote found at its cited lines of the corpus file', async () => {
    const c = await chat();
    for (const q of [
      'Hvordan hjælper man hjemløse unge med en bolig?',
      'Hvad kostede det?',
      'Hvem står bag?',
      'Er der andre, der har gjort noget lignende?',
      'Fortæl mere om den første',
    ]) {
      const r = await c.ask(q);
      for (const id of cited(r)) expect(ids(r)).toContain(id);
      for (const x of r.citations) {
        const lines = corpusLines(x.source.file)
          .slice(x.source.lineStart! - 1, x.source.lineEnd!)
          .join('\n');
        expect(lines, `[${x.n}] ${x.source.file}:${x.source.lineStart}-${x.source.lineEnd}`).toContain(x.quote);
      }
    }
  });
});
