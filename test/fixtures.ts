/**
 * Test fixtures made at test time (nothing binary is checked in): PDFs drawn
 * with pdf-lib, HTML pages, windows-1252 text, corrupt and binary files.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/**
 * A PDF with one page per entry of `pages`, each line drawn top-down in
 * Helvetica 12 pt (WinAnsi: æøå and “–” are fine). An empty array gives a blank page.
 */
export async function makeMultiPagePdf(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => {
      page.drawText(line, { x: 56, y: 780 - i * 20, size: 12, font });
    });
  }
  return doc.save();
}

/** Bytes that start like a PDF but have no valid structure. */
export function makeCorruptPdf(): Uint8Array {
  return new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ngarbage, no xref\n%%EOF\n');
}

/** Bytes of a (fake) PNG: signature, NUL bytes and every byte value. */
export function makeBinaryBytes(): Uint8Array {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d];
  return Uint8Array.from([...signature, ...Array.from({ length: 256 }, (_, i) => i)]);
}

/** The bytes 0x80–0x9f of windows-1252 that differ from ISO-8859-1. */
const WINDOWS_1252_EXTRAS: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
};

/** `text` encoded as windows-1252 (Node has no encoder for it); throws on characters it lacks. */
export function encodeWindows1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (char) => {
    const extra = WINDOWS_1252_EXTRAS[char];
    if (extra !== undefined) return extra;
    const code = char.codePointAt(0) ?? 0;
    if (code > 0xff || (code >= 0x80 && code <= 0x9f)) throw new Error(`not in windows-1252: ${char}`);
    return code;
  });
}

/** A section of a fixture HTML page. */
export interface HtmlSection {
  heading: string;
  paragraphs: string[];
}

/** What `makeHtmlPage` puts between the boilerplate. */
export interface HtmlPageSpec {
  title: string;
  /** Omitted: the page has no h1. */
  h1?: string;
  intro?: string;
  sections: HtmlSection[];
}

/**
 * A municipal-style page: skip link, cookie banner, header with nav, a
 * role=navigation block, main content (h1, h2 sections with linked text and
 * an image), an aside, a form, a script, and a footer.
 */
export function makeHtmlPage(spec: HtmlPageSpec): string {
  const sections = spec.sections
    .map((section) => `<section><h2>${section.heading}</h2>\n` + section.paragraphs.map((p) => `<p>${p}</p>`).join('\n') + '\n</section>')
    .join('\n');
  return `<!DOCTYPE html>
<html lang="da">
<head><meta charset="utf-8"><title>${spec.title}</title>
<style>body { font-family: sans-serif; }</style>
<script>window.dataLayer = [];</script></head>
<body>
<a class="skip-link" href="#main">Spring til indhold</a>
<div id="cookie-consent"><p>Vi bruger cookies til at forbedre siden.</p><button>Accepter alle</button></div>
<header><a href="/"><img src="/logo.png" alt="Kommunens logo"></a>
<nav><ul><li><a href="/borger">Borger</a></li><li><a href="/erhverv">Erhverv</a></li></ul></nav></header>
<div role="navigation"><a href="/">Forside</a> › <a href="/innovation">Innovation</a></div>
<main id="main">
${spec.h1 === undefined ? '' : `<h1>${spec.h1}</h1>`}
${spec.intro === undefined ? '' : `<p>${spec.intro} <img src="/foto.jpg" alt="Foto af borgere"></p>`}
${sections}
<aside><h3>Relaterede sider</h3><a href="/andet">Andet</a></aside>
<form action="/search"><label>Søg</label><input name="q"></form>
<noscript>Slå JavaScript til</noscript>
</main>
<footer><p>Odense Kommune · Flakhaven 2 · <a href="tel:+4566131372">66 13 13 72</a></p></footer>
</body>
</html>
`;
}

/** Writes `files` (path → content) under a new temp folder and returns its path. */
export async function makeFixtureDir(files: Record<string, Uint8Array | string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'casechat-load-'));
  for (const [relPath, content] of Object.entries(files)) {
    const path = join(dir, relPath);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
  return dir;
}
