import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Every requirement and incident of specs/requirements.yaml carries its Japanese text, and a
// requirement's Japanese keeps the obligation its level states.

interface CatalogFile {
  incidents: { id: string; title: string; 'title-ja'?: unknown }[];
  requirements: {
    id: string;
    level: 'MUST' | 'SHOULD' | 'MAY';
    statement: string;
    'statement-ja'?: unknown;
  }[];
}

const catalog = parse(
  readFileSync(new URL('../../specs/requirements.yaml', import.meta.url), 'utf8'),
) as CatalogFile;

/** Hiragana, katakana or CJK ideographs. */
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/** The Japanese forms of the RFC 2119 keywords, as Japanese RFC and JIS translations write them. */
const LEVEL_FORMS: Record<CatalogFile['requirements'][number]['level'], RegExp> = {
  MUST: /なければならない|[てで]はならない/,
  SHOULD: /べき/,
  MAY: /てもよい/,
};

describe('Japanese texts of the requirement catalog', () => {
  it('gives every requirement a non-empty statement-ja in Japanese script, ending in 。', () => {
    const wrong = catalog.requirements
      .filter(
        (r) =>
          typeof r['statement-ja'] !== 'string' ||
          !JAPANESE.test(r['statement-ja']) ||
          !r['statement-ja'].endsWith('。'),
      )
      .map((r) => r.id);
    expect(wrong).toEqual([]);
    expect(catalog.requirements.length).toBeGreaterThanOrEqual(213);
  });

  it("keeps each level's obligation form in the Japanese (a MUST row says 〜しなければならない or 〜してはならない)", () => {
    const wrong = catalog.requirements
      .filter((r) => !LEVEL_FORMS[r.level].test(String(r['statement-ja'])))
      .map((r) => `${r.id} (${r.level})`);
    expect(wrong).toEqual([]);
  });

  it('keeps a MUST NOT in the English as a prohibition in the Japanese', () => {
    const wrong = catalog.requirements
      .filter(
        (r) =>
          /\bMUST NOT\b/.test(r.statement) &&
          !/[てで]はならない|[てで]はならず/.test(String(r['statement-ja'])),
      )
      .map((r) => r.id);
    expect(wrong).toEqual([]);
  });

  it('keeps the requirement ids, problem types and field names the English cites', () => {
    const token = /\b(?:[A-Z]+-[A-Z0-9]+-\d{3}|urn:tekigo:problem:[a-z-]+|\d{3})\b/g;
    const wrong = catalog.requirements.flatMap((r) => {
      const ja = String(r['statement-ja']);
      const lost = [...new Set(r.statement.match(token) ?? [])].filter((t) => !ja.includes(t));
      return lost.length > 0 ? [`${r.id}: ${lost.join(', ')}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('gives every incident a title-ja in Japanese script', () => {
    const wrong = catalog.incidents
      .filter((i) => typeof i['title-ja'] !== 'string' || !JAPANESE.test(i['title-ja']))
      .map((i) => i.id);
    expect(wrong).toEqual([]);
  });
});
