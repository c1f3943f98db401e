import { describe, expect, test } from 'vitest';
import type { Finding, TestReport } from '../report/report-model.ts';
import { exitCodeOf, requirementVerdictInTest, rollUpRequirements, summarize } from './build-report.ts';
import { parseTarget } from './target-spec.ts';

const finding = (requirement: string, verdict: Finding['verdict']): Finding => ({
  requirement,
  verdict,
  message: '',
  evidence: [],
});
const testReport = (
  id: string,
  verdict: TestReport['verdict'],
  requirements: string[],
  findings: Finding[],
): TestReport => ({
  id,
  title: id,
  file: 'x',
  requirements,
  verdict,
  failedRequirements: [],
  durationMs: 1,
  message: '',
  findings,
  evidence: { ledgers: {} },
});

describe('requirement verdicts', () => {
  test('findings decide; a broken test leaves unchecked requirements in error; unreached ones are inconclusive', () => {
    const t = testReport('T1', 'fail', ['A', 'B', 'C'], [finding('A', 'pass'), finding('B', 'fail')]);
    expect(requirementVerdictInTest(t, 'A')).toBe('pass');
    expect(requirementVerdictInTest(t, 'B')).toBe('fail');
    expect(requirementVerdictInTest(t, 'C')).toBe('inconclusive');
    expect(requirementVerdictInTest(testReport('T2', 'error', ['A'], []), 'A')).toBe('error');
  });

  test('roll-up takes the worst verdict across tests and sorts by id', () => {
    const tests = [
      testReport('T1', 'pass', ['B', 'A'], [finding('A', 'pass'), finding('B', 'pass')]),
      testReport('T2', 'fail', ['A'], [finding('A', 'fail')]),
    ];
    const rolled = rollUpRequirements(tests, () => 'MUST');
    expect(rolled.map((r) => [r.id, r.verdict, r.tests])).toEqual([
      ['A', 'fail', ['T1', 'T2']],
      ['B', 'pass', ['T1']],
    ]);
  });
});

describe('exit codes', () => {
  const base = testReport('T1', 'pass', ['A'], [finding('A', 'pass')]);
  test('0 when every MUST passes, 1 when a MUST fails, 0 when only a SHOULD fails, 2 on a harness error', () => {
    expect(
      exitCodeOf({
        tests: [base],
        requirements: [{ id: 'A', level: 'MUST', verdict: 'pass', tests: ['T1'] }],
      }),
    ).toBe(0);
    expect(
      exitCodeOf({
        tests: [base],
        requirements: [{ id: 'A', level: 'MUST', verdict: 'fail', tests: ['T1'] }],
      }),
    ).toBe(1);
    expect(
      exitCodeOf({
        tests: [base],
        requirements: [{ id: 'A', level: 'SHOULD', verdict: 'fail', tests: ['T1'] }],
      }),
    ).toBe(0);
    expect(exitCodeOf({ tests: [{ ...base, verdict: 'error' }], requirements: [] })).toBe(2);
  });
  test('summary counts each verdict', () => {
    expect(
      summarize([base, { ...base, verdict: 'fail' }, { ...base, verdict: 'not-applicable' }]),
    ).toMatchObject({ passed: 1, failed: 1, notApplicable: 1 });
  });
});

describe('parseTarget', () => {
  test('reads reference, replicas and URLs, and refuses anything else with a usage error', () => {
    expect(parseTarget('reference')).toEqual({ kind: 'reference' });
    expect(parseTarget('replica:ca-no-backoff')).toEqual({ kind: 'replica', name: 'ca-no-backoff' });
    expect(parseTarget('http://127.0.0.1:8080/')).toEqual({ kind: 'url', url: 'http://127.0.0.1:8080' });
    expect(() => parseTarget('replica:')).toThrow(/names no replica/);
    expect(() => parseTarget('ftp://x')).toThrow(/http/);
    expect(() => parseTarget('nonsense')).toThrow(/reference, replica:NAME/);
  });
});
