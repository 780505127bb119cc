import { describe, expect, it } from 'vitest';
import { findSections, isHeadingLine } from '../src/ingest/sections.js';

describe('sections', () => {
  it('reads a short line standing alone as a heading, and a sentence or a list item as none', () => {
    const lines = ['', 'Resultater', '', 'Det gik godt for alle.', '', '- en punkt', ''];
    expect(isHeadingLine(lines, 1)).toBe(true);
    expect(isHeadingLine(lines, 3)).toBe(false);
    expect(isHeadingLine(lines, 5)).toBe(false);
  });

  it('reads a line ending in a colon before a quotation as the lead-in of the quote, not a heading', () => {
    const quoted = ['', 'Borgmester Hanne Lund udtaler:', '', '”Vi er stolte af holdet.”', ''];
    expect(isHeadingLine(quoted, 1)).toBe(false);
    const label = ['', 'Fakta:', '', 'Projektet kostede 2 mio. kr.', ''];
    expect(isHeadingLine(label, 1)).toBe(true);
    const sections = findSections(['Titel', '', 'Indledning her.', '', 'Direktøren siger:', '', '«Det virker.»', ''], 0, 7, 'Titel');
    expect(sections.map((s) => s.name)).toEqual(['Titel']);
  });
});
