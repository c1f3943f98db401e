import { describe, expect, it } from 'vitest';
import type { TestCase } from 'vitest/node';
import { ConformanceReporter } from './conformance-reporter.ts';
import { META_KEY } from './test-meta.ts';

const testCase = (verdict: string, message: string) =>
  ({
    meta: () => ({
      [META_KEY]: {
        id: 'CA-S01',
        title: 'one rejected notice does not hold back the others',
        requirements: ['GEN-SEND-006'],
        verdict,
        message,
        findings: [],
        evidence: { ledgers: {} },
      },
    }),
    result: () => ({ state: 'failed', errors: [] }),
    diagnostic: () => ({ duration: 12 }),
    module: { moduleId: '/root/suites/x.test.ts' },
    fullName: 'x',
    name: 'x',
  }) as unknown as TestCase;

describe('ConformanceReporter', () => {
  it('prints the id and the cause of a test in error on the console, on one line', () => {
    const lines: string[] = [];
    const reporter = new ConformanceReporter('/root', (line) => lines.push(line));
    reporter.onTestCaseResult(
      testCase('error', 'PEERS_NOT_ACCEPTED: http://127.0.0.1:1 refused\nPUT /conformance/peers'),
    );
    expect(lines).toEqual([
      '  ! error          CA-S01  one rejected notice does not hold back the others (12 ms)',
      '      CA-S01 error: PEERS_NOT_ACCEPTED: http://127.0.0.1:1 refused | PUT /conformance/peers',
    ]);
  });

  it('prints nothing more for a pass', () => {
    const lines: string[] = [];
    new ConformanceReporter('/root', (line) => lines.push(line)).onTestCaseResult(testCase('pass', ''));
    expect(lines).toHaveLength(1);
  });

  it('gives a reason for not-applicable once, however many tests share it', () => {
    const lines: string[] = [];
    const reporter = new ConformanceReporter('/root', (line) => lines.push(line));
    const why = 'a test-profile test: the production profile runs only the security tests';
    reporter.onTestCaseResult(testCase('not-applicable', why));
    reporter.onTestCaseResult(testCase('not-applicable', why));
    reporter.onTestCaseResult(testCase('not-applicable', 'the target declares no card production'));
    expect(lines.filter((line) => line.includes('CA-S01 not-applicable:'))).toEqual([
      `      CA-S01 not-applicable: ${why}`,
      '      CA-S01 not-applicable: the target declares no card production',
    ]);
    expect(lines).toHaveLength(5);
  });
});
