import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkAll } from '../src/ingest/build.js';
import { loadCorpus } from '../src/ingest/load.js';
import { segmentCorpus } from '../src/ingest/segment.js';
import { memoryLogger } from '../src/log.js';
import { makeHtmlPage, makeMultiPagePdf } from './fixtures.js';

async function pipeline(files: Record<string, Uint8Array | string>) {
  const dir = mkdtempSync(join(tmpdir(), 'casechat-formats-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const log = memoryLogger();
  const docs = await loadCorpus(dir, log);
  const cases = segmentCorpus(docs, log);
  return { docs, cases, chunks: chunkAll(docs, cases), log };
}

describe('PDF and HTML through the same pipeline', () => {
  it('finds a case in a multi-page PDF and keeps the page of every chunk and contact', async () => {
    const pdf = await makeMultiPagePdf([
      [
        'Borgerbudgetter i landsbyerne',
        '',
        'Syddjurs Kommune lader borgerne i landsbyerne fordele en pulje på 500.000 kr. til lokale projekter.',
        'Borgerne stemmer om forslagene på et årligt møde, og mange deltager.',
      ],
      [
        'Resultaterne viser, at flere borgere deltager i det lokale demokrati end før.',
        '',
        'Kontakt:',
        'Mette Hansen, projektleder, Syddjurs Kommune',
        'tlf. 87 53 50 00',
        'meha@syddjurs.dk',
      ],
    ]);
    const { cases, chunks } = await pipeline({ 'borgerbudget.pdf': pdf });
    expect(cases).toHaveLength(1);
    const c = cases[0];
    expect(c.title).toBe('Borgerbudgetter i landsbyerne');
    expect([c.pageStart, c.pageEnd]).toEqual([1, 2]);
    expect(c.linesAreSource).toBe(false);
    expect(c.contacts.map((p) => [p.name, p.email, p.phone])).toEqual([['Mette Hansen', 'meha@syddjurs.dk', '+45 87 53 50 00']]);
    expect(chunks.find((k) => k.text.includes('500.000 kr.'))?.page).toBe(1);
    expect(chunks.find((k) => k.isContact)?.page).toBe(2);
  });

  it('splits an HTML page that announces examples into one case per heading, without the boilerplate', async () => {
    const html = makeHtmlPage({
      title: 'Innovation | Eksempel Kommune',
      h1: 'Innovation i Eksempel Kommune',
      intro: 'Her er vi innovative – tre eksempler:',
      sections: [
        {
          heading: 'Madskole for ældre',
          paragraphs: ['Ældre borgere lærer at lave sund mad sammen i små hold på kommunens aktivitetscentre, og mange fortsætter bagefter.'],
        },
        {
          heading: 'Digital borgerservice',
          paragraphs: ['Borgerservice hjælper borgere med digital post og selvbetjening på biblioteket hver tirsdag og torsdag formiddag.'],
        },
        {
          heading: 'Grønne skolegårde',
          paragraphs: ['Elever og forældre har plantet skolegårdene til med træer og bede, så frikvartererne er blevet grønnere og mere varierede.'],
        },
      ],
    });
    const { docs, cases, chunks } = await pipeline({ 'innovation.html': html });
    expect(docs[0].lines.some((l) => /Spring til indhold|cookies/i.test(l))).toBe(false);
    expect(cases.map((c) => c.title)).toEqual(['Madskole for ældre', 'Digital borgerservice', 'Grønne skolegårde']);
    for (const c of cases) {
      expect(docs[0].headingLines).toContain(c.lineStart - 1);
      expect(chunks.filter((k) => k.caseId === c.id).every((k) => !k.linesAreSource)).toBe(true);
    }
  });
});
