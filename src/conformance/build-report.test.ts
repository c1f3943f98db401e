import { describe, expect, test } from 'vitest';
import { exchange as recordedExchange } from '../report/report-fixtures.ts';
import type { Finding, RunReport, TestReport } from '../report/report-model.ts';
import { REPORT_SCHEMA_ID } from '../report/report-model.ts';
import { reportSchemaProblems } from '../report/report-schema.ts';
import {
  coverageOf,
  coverRequirements,
  exitCodeOf,
  reportFiles,
  requirementVerdictInTest,
  rollUpRequirements,
  summarize,
  unjudgedRequirements,
} from './build-report.ts';
import { closingLines } from './conformance-reporter.ts';
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
  test('a test that had nothing to conclude on a requirement leaves it to the tests that did', () => {
    const judged = testReport('T1', 'pass', ['A'], [finding('A', 'pass')]);
    const silent = testReport('T2', 'pass', ['A'], []);
    const [a] = rollUpRequirements([judged, silent], () => 'MUST');
    expect(a).toMatchObject({ id: 'A', verdict: 'pass', tests: ['T1', 'T2'] });
    const [alone] = rollUpRequirements([silent], () => 'MUST');
    expect(alone).toMatchObject({ id: 'A', verdict: 'inconclusive' });
    const failing = testReport('T3', 'fail', ['A'], [finding('A', 'fail')]);
    expect(rollUpRequirements([silent, failing, judged], () => 'MUST')[0]?.verdict).toBe('fail');
  });

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

describe("coverage of the role's catalog", () => {
  const catalog = [
    { id: 'A', level: 'MUST' as const },
    { id: 'B', level: 'MUST' as const },
    { id: 'C', level: 'SHOULD' as const },
    { id: 'P', level: 'MUST' as const, profile: 'production' as const },
    { id: 'U', level: 'MUST' as const },
  ];
  const tests = [
    testReport('T1', 'pass', ['A', 'B'], [finding('A', 'pass')]),
    testReport('T2', 'not-applicable', ['C'], []),
  ];
  tests[1] = { ...tests[1], message: 'tekigo did not launch the target' } as TestReport;
  const requirements = coverRequirements(
    rollUpRequirements(tests, () => 'MUST'),
    catalog,
  );

  test('every catalog requirement is accounted for once, with a reason when it is not judged', () => {
    expect(requirements.map((r) => [r.id, r.verdict])).toEqual([
      ['A', 'pass'],
      ['B', 'inconclusive'],
      ['C', 'not-applicable'],
      ['P', 'not-applicable'],
      ['U', 'untested'],
    ]);
    expect(requirements.find((r) => r.id === 'B')?.reason).toMatch(/T1: the test declares it, but none/);
    expect(requirements.find((r) => r.id === 'C')?.reason).toBe('T2: tekigo did not launch the target');
    expect(requirements.find((r) => r.id === 'U')?.reason).toMatch(/no test/);
    expect(coverageOf(requirements)).toMatchObject({
      total: 5,
      judged: 2,
      pass: 1,
      inconclusive: 1,
      notApplicable: 2,
      untested: 1,
    });
  });

  test('the closing line counts them all and an inconclusive MUST gets its own line', () => {
    const lines = closingLines({ tests, requirements, failedRequirements: [] }, '/tmp/r');
    expect(lines.at(-1)).toBe(
      'tekigo: 2 tests; 2 of 5 requirements judged (1 pass, 0 fail, 1 inconclusive), 2 not-applicable, 1 untested',
    );
    expect(lines).toContain(
      'tekigo: MUST B is inconclusive, not passed: T1: the test declares it, but none of its checks concluded on it',
    );
  });

  test('with a --grep selection the closing line counts the tests that ran and says how many were left out', () => {
    const ran = testReport('T1', 'pass', ['A'], [finding('A', 'pass')]);
    const leftOut = testReport('T2', 'skipped', [], []);
    const lines = closingLines({ tests: [ran, leftOut], requirements: [], failedRequirements: [] }, '/tmp/r');
    expect(lines.at(-1)).toMatch(
      /^tekigo: 1 test \(1 left out by --grep or --requirements; their requirements count as untested\);/,
    );
  });

  test('a run stopped early reports what it did not judge as skipped, with why', () => {
    const stopped = unjudgedRequirements(catalog, 'not judged: the preflight failed');
    expect(stopped.map((r) => r.verdict)).toEqual([
      'skipped',
      'skipped',
      'skipped',
      'not-applicable',
      'skipped',
    ]);
    expect(stopped[0]?.reason).toBe('not judged: the preflight failed');
  });
});

describe('report.json against specs/report/report.schema.json', () => {
  const exchange = { ...recordedExchange, seq: 1, faults: ['f1'] };
  const fault = {
    kind: 'fault' as const,
    seq: 2,
    at: '2026-01-01T00:00:00.000Z',
    startMs: 1,
    ruleId: 'f1',
    interface: 'health',
    action: 'delay',
    exchangeSeq: 1,
    detail: { seed: 7 },
  };
  const tests: TestReport[] = [
    {
      ...testReport(
        'T1',
        'fail',
        ['GEN-A-001'],
        [{ ...finding('GEN-A-001', 'fail'), check: 'problem-body' }],
      ),
      message: 'GEN-A-001: broken',
      failedRequirements: ['GEN-A-001'],
      evidence: {
        ledgers: {
          suite: [exchange, fault],
          'national-center': [
            {
              kind: 'observation',
              seq: 1,
              at: '2026-01-01T00:00:00.000Z',
              startMs: 0,
              source: 'national-center',
              what: 'fault-script-loaded',
              data: { seed: 42, rules: [] },
            },
          ],
        },
      },
    },
    { ...testReport('T2', 'skipped', [], []), message: 'left out by --grep' },
    { ...testReport('T3', 'not-applicable', ['GEN-B-001'], []), message: 'the target declares no hooks' },
  ];
  const requirements = coverRequirements(
    rollUpRequirements(tests, () => 'MUST'),
    [
      { id: 'GEN-A-001', level: 'MUST' },
      { id: 'GEN-C-001', level: 'SHOULD' },
    ],
  );
  const report: RunReport = {
    reportFormat: 'tekigo-report/1',
    suiteVersion: '0.1.0',
    specDigest: `sha256:${'0'.repeat(64)}`,
    role: 'national-center',
    target: 'reference',
    environment: 'embedded',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    tool: { name: 'tekigo', version: '0.1.0', node: 'v24.0.0' },
    capabilities: null,
    summary: summarize(tests),
    verdict: 'fail',
    failedRequirements: ['GEN-A-001'],
    requirements,
    coverage: coverageOf(requirements),
    tests,
  };

  test('a built report validates, names its schema first, lists each test’s checks and the fault seeds', () => {
    const written = JSON.parse(reportFiles(report)['report.json'] as string);
    expect(reportSchemaProblems(written)).toEqual([]);
    expect(Object.keys(written)[0]).toBe('$schema');
    expect(written.$schema).toBe(REPORT_SCHEMA_ID);
    expect(written.tests[0].checks).toEqual(['problem-body']);
    expect(written.faultSeeds).toEqual([
      { test: 'T1', ledger: 'suite', rule: 'f1', seed: 7 },
      { test: 'T1', ledger: 'national-center', seed: 42 },
    ]);
  });

  test('the schema refuses a report without $schema, an unknown verdict, or a skipped test with no reason', () => {
    const written = JSON.parse(reportFiles(report)['report.json'] as string);
    expect(reportSchemaProblems({ ...written, $schema: undefined }).join()).toContain('$schema');
    const badVerdict = { ...written, tests: [{ ...written.tests[0], verdict: 'passed' }] };
    expect(reportSchemaProblems(badVerdict).join()).toContain('/tests/0/verdict');
    const silentSkip = { ...written, tests: [{ ...written.tests[1], message: '' }] };
    expect(reportSchemaProblems(silentSkip).join()).toContain('/tests/0/message');
  });
});
