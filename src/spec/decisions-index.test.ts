import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultSpecsDir } from './load-spec.ts';

// specs/DECISIONS.md points at README anchors and requirement rows by line: keep it true.
const specsDir = defaultSpecsDir();
const readme = readFileSync(join(specsDir, 'README.md'), 'utf8').split('\n');
const catalog = readFileSync(join(specsDir, 'requirements.yaml'), 'utf8').split('\n');
const rows = readFileSync(join(specsDir, 'DECISIONS.md'), 'utf8')
  .split('\n')
  .filter((line) => /^\| [0-9]+ \|/.test(line));

const headingAnchor = (line: string): string =>
  line
    .slice(3)
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replaceAll(' ', '-');

describe('specs/DECISIONS.md', () => {
  test('indexes every guess of the issues it answers', () => {
    expect(rows.length).toBeGreaterThanOrEqual(50);
  });

  test.for(rows.map((row) => [row.split('|')[1]?.trim() ?? '', row] as const))('row %s', ([, row]) => {
    const where = /\(README\.md#([a-z0-9-]+)\) \(line ([0-9]+)\)/.exec(row);
    expect(where, 'names a README anchor and its line').not.toBeNull();
    const [, anchor = '', line = '0'] = where ?? [];
    const text = readme[Number(line) - 1] ?? '';
    expect(
      text.includes(`<a id="${anchor}"></a>`) || (text.startsWith('## ') && headingAnchor(text) === anchor),
      `README.md line ${line} holds #${anchor}`,
    ).toBe(true);
    for (const [, id, at] of row.matchAll(/([A-Z]+-[A-Z0-9]+-[0-9]{3}) \(requirements\.yaml:([0-9]+)\)/g))
      expect(catalog[Number(at) - 1], `requirements.yaml line ${at}`).toBe(`  - id: ${id}`);
  });
});
