import type { Finding, RequirementVerdict, RunReport, TestReport, Verdict } from '../report/report-model.ts';
import { worstVerdict } from '../report/report-model.ts';

export type RequirementLevel = RequirementVerdict['level'];

/**
 * A requirement's verdict in one test: its findings decide; a test that broke before a check
 * on it leaves it `error`; a declared requirement no check reached is `inconclusive`.
 */
export function requirementVerdictInTest(
  test: Pick<TestReport, 'verdict' | 'findings'>,
  requirement: string,
): Verdict {
  const own = test.findings.filter((f) => f.requirement === requirement).map((f) => f.verdict);
  if (own.includes('fail')) return 'fail';
  if (test.verdict === 'error') return 'error';
  if (test.verdict === 'skipped' || test.verdict === 'not-applicable') return test.verdict;
  return own.length === 0 ? 'inconclusive' : worstVerdict(own);
}

export function failedRequirementsOf(findings: readonly Finding[]): string[] {
  return [...new Set(findings.filter((f) => f.verdict === 'fail').map((f) => f.requirement))].sort();
}

export function rollUpRequirements(
  tests: readonly TestReport[],
  levelOf: (id: string) => RequirementLevel,
): RequirementVerdict[] {
  const byRequirement = new Map<string, { verdicts: Verdict[]; tests: string[] }>();
  for (const test of tests) {
    for (const requirement of test.requirements) {
      const slot = byRequirement.get(requirement) ?? { verdicts: [], tests: [] };
      slot.verdicts.push(requirementVerdictInTest(test, requirement));
      slot.tests.push(test.id);
      byRequirement.set(requirement, slot);
    }
  }
  return [...byRequirement]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, slot]) => ({
      id,
      level: levelOf(id),
      verdict: worstVerdict(slot.verdicts),
      tests: slot.tests,
    }));
}

/** Exit code of a run: 2 when the harness or environment broke, 1 when a MUST requirement failed. */
export function exitCodeOf(report: Pick<RunReport, 'tests' | 'requirements'>): 0 | 1 | 2 {
  if (report.tests.some((t) => t.verdict === 'error')) return 2;
  if (report.requirements.some((r) => r.verdict === 'fail' && r.level === 'MUST')) return 1;
  return 0;
}

export function summarize(tests: readonly TestReport[]): RunReport['summary'] {
  const count = (v: Verdict) => tests.filter((t) => t.verdict === v).length;
  return {
    passed: count('pass'),
    failed: count('fail'),
    errors: count('error'),
    skipped: count('skipped'),
    inconclusive: count('inconclusive'),
    notApplicable: count('not-applicable'),
  };
}
