import { expect, test } from 'vitest';
import { fixtureSpecsDir } from '../spec/fixtures/fixture-specs.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { renderRequirementsMarkdown } from './render-requirements-markdown.ts';

test('one table per id prefix, then the incidents with the requirements citing them', async () => {
  const { catalog } = await loadSpec({ specsDir: fixtureSpecsDir });
  const markdown = renderRequirementsMarkdown(catalog, 'sha256:abc');
  const headings = markdown.split('\n').filter((line) => line.startsWith('#'));
  expect(headings).toEqual([
    '# Requirement catalog',
    '## GEN: every role',
    '## CA: certification-authority',
    '## ISS: issuance-service',
    '## Incidents',
  ]);
  expect(markdown).toContain('Catalog version 0.1.0, spec `sha256:abc`: 3 requirements.');
  expect(markdown).toContain('| GEN-VAL-001 | MUST | all | greetings |');
  expect(markdown).toContain('| ISS-DOC-001 | SHOULD (production profile) | issuance-service |');
  expect(markdown).toContain('a document SHOULD belong to \\| its requester');
  expect(markdown).toMatch(/\| INC-2004-JPKI \| 2004 \| .* \| CA-REV-001, ISS-DOC-001 \|/);
  expect(markdown).toMatch(/\| INC-2023-KIOSK \| 2023 \| .* \| ISS-DOC-001 \|/);
});
