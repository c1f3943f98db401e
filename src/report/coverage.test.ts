import { describe, expect, test } from 'vitest';
import { coverageMatrix } from './coverage.ts';
import { sampleReport } from './report-fixtures.ts';

describe('coverageMatrix', () => {
  const reference = sampleReport({ target: 'reference', failedRequirements: [] });
  const replica = sampleReport({ target: 'replica:resend-rejected' });
  const matrix = coverageMatrix({
    role: 'certification-authority',
    catalog: [
      { id: 'GEN-SEND-006', level: 'MUST' },
      { id: 'GEN-SEND-099', level: 'MUST' },
    ],
    replicas: [
      { name: 'resend-rejected', violates: ['GEN-SEND-006', 'GEN-SEND-012'] },
      { name: 'never-run', violates: ['GEN-SEND-006'] },
    ],
    reports: [reference, replica],
  });

  test('crosses requirements with the tests declaring them and the replicas failing them', () => {
    expect(matrix.requirements.find((r) => r.id === 'GEN-SEND-006')).toEqual({
      id: 'GEN-SEND-006',
      level: 'MUST',
      tests: ['CA-S01', 'CA-S02', 'CA-S03', 'CA-S04', 'CA-S05'],
      replicas: ['resend-rejected', 'never-run'],
      failedBy: ['resend-rejected'],
    });
  });

  test('lists MUSTs with no test, tests no replica fails, declared ids a replica is not caught on', () => {
    expect(matrix.mustWithoutTest).toEqual(['GEN-SEND-099']);
    expect(matrix.testsNoReplicaFails).toEqual(['CA-S02', 'CA-S03', 'CA-S04', 'CA-S05']);
    expect(matrix.replicas[0]?.missed).toEqual(['GEN-SEND-012']);
    expect(matrix.replicasNotRun).toEqual(['never-run']);
  });
});
