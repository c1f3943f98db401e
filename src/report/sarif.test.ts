import { describe, expect, test } from 'vitest';
import { sampleReport } from './report-fixtures.ts';
import { toSarif } from './sarif.ts';
import { sarifSchemaErrors } from './schema-check-fixtures.ts';

describe('toSarif', () => {
  test('validates against the SARIF 2.1.0 schema, with each failed requirement as one result', () => {
    const log = toSarif(sampleReport()) as {
      runs: { results: { ruleId: string; message: { text: string } }[] }[];
    };
    expect(sarifSchemaErrors(log)).toEqual([]);
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => r.ruleId)).toEqual(['GEN-SEND-006']);
    expect(results[0]?.message.text).toContain('no-resend-after-rejection');
    expect(results[0]?.message.text).toContain('national-center#3');
  });

  test('the schema check is real: a result without a message is refused', () => {
    const log = toSarif(sampleReport()) as { runs: { results: Record<string, unknown>[] }[] };
    delete log.runs[0]?.results[0]?.message;
    expect(sarifSchemaErrors(log).join()).toContain('message');
  });

  test('a waived failure is a suppressed result', () => {
    const waiver = {
      requirement: 'GEN-SEND-006',
      reason: 'fix scheduled',
      link: 'https://example.org/1',
      expires: '2099-01-01',
    };
    const report = sampleReport();
    const waived = sampleReport({
      requirements: report.requirements.map((r) =>
        r.id === 'GEN-SEND-006' ? { ...r, verdict: 'waived', waiver } : r,
      ),
      failedRequirements: [],
    });
    const log = toSarif(waived) as { runs: { results: { suppressions?: unknown[] }[] }[] };
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0]?.results[0]?.suppressions).toHaveLength(1);
  });
});

describe('toSarif with --certification', () => {
  test('an untested MUST is a result as well', () => {
    const log = toSarif(sampleReport({ certification: true })) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toEqual(['GEN-SEND-006', 'GEN-SEND-007']);
  });
});
