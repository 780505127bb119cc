import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../src/ingest/load.js';
import { segmentCorpus } from '../src/ingest/segment.js';
import { memoryLogger } from '../src/log.js';
import type { LoadedDocument } from '../src/types.js';
import { makeFixtureDir } from './fixtures.js';
import { makeTwoColumnPdf, type DrawnLine, type FlowPart } from './pdf-fixtures.js';

const HEADER = 'Eksempel Kommune · Innovationskatalog 2021';

/** A case laid out in two columns over three pages; "~" is where the layout may hyphenate. */
const PARTS: FlowPart[] = [
  { kind: 'title', text: 'Grønne skolegårde giver mere leg og læring' },
  {
    kind: 'paragraph',
    text: 'Eksempel Kommune har siden 2019 omdannet asfalten på otte skoler til grønne skolegårde med træer, bede, klatrestativer og små vandløb. Projektet er gennemført sammen med elever, lærere, forældre og den lokale naturskole, og det er finansieret af kommunens klimapulje og to private fonde.',
  },
  { kind: 'heading', text: 'Baggrund' },
  {
    kind: 'paragraph',
    text: "Mange af kommunens skolegårde var bygget i 1960'erne og bestod mest af asfalt. Eleverne brugte kun en lille del af arealet i frikvartererne, og ved skybrud løb regnvandet ind i kældrene. Samtidig ønskede byrådet, at skolerne skulle arbejde mere aktivt med FN-verdensmålene og med udeundervisning i alle fag.",
  },
  { kind: 'heading', text: 'Sådan gjorde vi' },
  {
    kind: 'paragraph',
    text: 'Hver skole nedsatte en arbejdsgruppe med elever fra alle årgange. Eleverne tegnede deres drømmeskolegård, og landskabsarkitekter fra kommunen gjorde tegningerne til et projekt, som forældrene hjalp med at bygge på fire weekender. Regnvandet fra tagene ledes nu til bassiner og små vandløb, hvor eleverne kan måle vandstand og undersøge smådyr.',
  },
  {
    kind: 'paragraph',
    text: 'Arbejdet med de nye grønne skole~gårdene blev en del af undervisningen: I matematik beregnede eleverne arealer og priser, i natur og teknologi plantede de hjemmehørende arter, og i dansk skrev de invitationer til naboerne. Skolelederne fremhæver, at eleverne har fået ejerskab til stedet.',
  },
  { kind: 'heading', text: 'Resultater' },
  {
    kind: 'paragraph',
    text: 'En måling efter det første år viser, at dobbelt så mange elever er fysisk aktive i frikvartererne, og at lærerne bruger skolegårdene til undervisning hver uge. Kælderne er ikke blevet oversvømmet siden ombygningen, og naboerne bruger arealerne om eftermiddagen og i weekenderne.',
  },
  { kind: 'paragraph', text: 'Erfaringerne deles nu med andre kommuner gennem et netværk for grønne skolegårde, som mødes fire gange om året.' },
  { kind: 'heading', text: 'Næste skridt' },
  {
    kind: 'paragraph',
    text: 'Kommunen vil i de kommende år omdanne skolegårdene på de sidste seks skoler og samtidig åbne dem for dagtilbud, foreninger og borgere uden for skoletiden. Byrådet har afsat midler i budgettet til vedligeholdelse, så træer, bede og vandløb også passes i sommerferien, hvor eleverne ikke er på skolen. Naturskolen uddanner frivillige skolegårdsguider blandt forældre og bedsteforældre, og de første hold er allerede i gang.',
  },
  {
    kind: 'paragraph',
    text: 'Eleverne er også med i den næste fase: De skal evaluere, hvordan de nye områder bliver brugt, og komme med forslag til forbedringer, som kommunen kan tage med i det videre arbejde. Resultaterne samles i en kort rapport, som alle skoler og forældrebestyrelser får, og som også lægges på kommunens hjemmeside.',
  },
  { kind: 'heading', text: 'Kontakt' },
  { kind: 'lines', text: 'Mette Hansen\nProjektleder\nEksempel Kommune, mh@ek.dk\ntlf. 87 53 50 00' },
];

/** The text of a part as the reader should give it back: one line per paragraph, hyphenation points gone. */
function expectedLines(part: FlowPart): string[] {
  return part.kind === 'lines' ? part.text.split('\n') : [part.text.replaceAll('~', '')];
}

describe('the PDF loader on a two-column layout with running headers, page numbers and hyphenated line ends', () => {
  let dir: string;
  let drawn: DrawnLine[];
  let document: LoadedDocument;
  const logger = memoryLogger();

  beforeAll(async () => {
    const made = await makeTwoColumnPdf(PARTS, HEADER, 'Innovationskatalog 2021');
    drawn = made.drawn;
    dir = await makeFixtureDir({ 'skolegaarde.pdf': made.bytes });
    document = (await loadDocument(dir, 'skolegaarde.pdf', logger))!;
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is a fixture with both columns filled, furniture on every page and two hyphenated line ends', () => {
    expect([...new Set(drawn.map((d) => d.page))]).toEqual([1, 2, 3]);
    expect(drawn.filter((d) => d.text === HEADER).map((d) => d.page)).toEqual([1, 2, 3]);
    expect(drawn.filter((d) => /^\d$/.test(d.text)).map((d) => d.text)).toEqual(['1', '2', '3']);
    for (const page of [1, 2]) {
      expect(new Set(drawn.filter((d) => d.page === page && d.text !== HEADER && !/^\d$/.test(d.text)).map((d) => d.x))).toEqual(new Set([40, 220]));
    }
    expect(drawn.map((d) => d.text).filter((t) => /\p{L}-$/u.test(t))).toEqual(['arbejde mere aktivt med FN-', 'Arbejdet med de nye grønne skole-']);
  });

  it('reads the left column, then the right one, page by page, one line per paragraph and a blank line between blocks', () => {
    const expected = PARTS.flatMap((part, i) => [...(i > 0 ? [''] : []), ...expectedLines(part)]);
    expect(document.lines).toEqual(expected);
    expect(logger.warnings).toEqual([]);
  });

  it('drops the running header on all three pages and the page numbers', () => {
    expect(document.lines.filter((l) => l.includes('Innovationskatalog') || /^\d+$/.test(l))).toEqual([]);
  });

  it('joins a word hyphenated at a line end that the document writes whole elsewhere, and keeps a hyphen whose joined word it never writes', () => {
    const text = document.lines.join('\n');
    expect(text).toContain('Arbejdet med de nye grønne skolegårdene blev');
    expect(text).not.toContain('skole-');
    expect(text).toContain('arbejde mere aktivt med FN-verdensmålene og med udeundervisning');
  });

  it('marks the title set larger and the bold headings as heading lines', () => {
    expect(document.headingLines.map((i) => document.lines[i])).toEqual([
      'Grønne skolegårde giver mere leg og læring',
      'Baggrund',
      'Sådan gjorde vi',
      'Resultater',
      'Næste skridt',
      'Kontakt',
    ]);
  });

  it('gives each paragraph the page it starts on, also one that runs on to the next page', () => {
    const pageOf = (start: string) => document.pages![document.lines.findIndex((l) => l.startsWith(start))];
    expect(pageOf('Grønne skolegårde')).toBe(1);
    expect(pageOf('Mange af kommunens skolegårde')).toBe(1);
    expect(pageOf('Arbejdet med de nye')).toBe(2);
    expect(pageOf('Eleverne er også med')).toBe(2);
    expect(pageOf('Mette Hansen')).toBe(3);
    expect(document.pages).toHaveLength(document.lines.length);
  });

  it('gives the segmenter one case titled by its heading, in the document named by the metadata title, with its contact on page 3', () => {
    expect(document.title).toBe('Innovationskatalog 2021');
    const cases = segmentCorpus([document], memoryLogger());
    expect(cases.map((c) => [c.title, c.document, c.layout, c.pageStart, c.pageEnd])).toEqual([
      ['Grønne skolegårde giver mere leg og læring', 'Innovationskatalog 2021', 'article', 1, 3],
    ]);
    expect(cases[0].contacts.map((p) => [p.name, p.role, p.org, p.email, p.phone])).toEqual([
      ['Mette Hansen', 'Projektleder', 'Eksempel Kommune', 'mh@ek.dk', '+45 87 53 50 00'],
    ]);
  });
});
