import { expect, test } from 'vitest';
import { nearNames } from './near-names.ts';

const types = [
  'certificate-issuances/batch-request',
  'certificate-issuances/batch-result',
  'health/health',
  'common/problem',
];

test('suggests names within a few edits, closest first', () => {
  expect(nearNames('certificate-issuance/batch-request', types)).toEqual([
    'certificate-issuances/batch-request',
    'certificate-issuances/batch-result',
  ]);
  expect(nearNames('helth/health', types)).toEqual(['health/health']);
});

test('suggests names that contain the input', () => {
  expect(nearNames('problem', types)).toEqual(['common/problem']);
  expect(nearNames('BATCH', types)).toEqual([
    'certificate-issuances/batch-request',
    'certificate-issuances/batch-result',
  ]);
});

test('suggests nothing for an unrelated name', () => {
  expect(nearNames('zzzz', types)).toEqual([]);
  expect(nearNames('', types)).toEqual([]);
});
