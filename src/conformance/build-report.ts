import { writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang } from '../i18n/lang.ts';
import { encodeCheckValue } from '../report/check-input-codec.ts';
import { toJunitXml } from '../report/junit.ts';
import { toMarkdownSummary } from '../report/markdown-summary.ts';
import type {
  FaultSeed,
  Finding,
  RequirementCoverage,
  RequirementVerdict,
  RunReport,
  TestReport,
  Verdict,
} from '../report/report-model.ts';
import { REPORT_SCHEMA_ID, worstVerdict } from '../report/report-model.ts';
import { toSarif } from '../report/sarif.ts';

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
  const byRequirement = new Map<
    string,
    { verdicts: Verdict[]; silent: Verdict[]; tests: string[]; reasons: string[] }
  >();
  for (const test of tests) {
    for (const requirement of test.requirements) {
      const slot = byRequirement.get(requirement) ?? { verdicts: [], silent: [], tests: [], reasons: [] };
      const verdict = requirementVerdictInTest(test, requirement);
      // A test that declares a requirement but had nothing to conclude on it (e.g. no 500 ever
      // came) leaves it to the tests that did; only when none did is the requirement inconclusive.
      const silent = verdict === 'inconclusive' && !test.findings.some((f) => f.requirement === requirement);
      (silent ? slot.silent : slot.verdicts).push(verdict);
      slot.tests.push(test.id);
      const why = reasonInTest(test, requirement, verdict);
      if (why) slot.reasons.push(`${test.id}: ${why}`);
      byRequirement.set(requirement, slot);
    }
  }
  return [...byRequirement]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, slot]) => {
      const verdict = worstVerdict(slot.verdicts.length > 0 ? slot.verdicts : slot.silent);
      const reason = verdict === 'pass' || verdict === 'fail' ? undefined : slot.reasons.join('; ');
      return { id, level: levelOf(id), verdict, tests: slot.tests, ...(reason ? { reason } : {}) };
    });
}

function reasonInTest(test: TestReport, requirement: string, verdict: Verdict): string | undefined {
  if (verdict === 'pass' || verdict === 'fail') return undefined;
  if (verdict === 'inconclusive') {
    const own = test.findings.filter((f) => f.requirement === requirement && f.verdict === 'inconclusive');
    return own.length > 0
      ? own.map((f) => f.message).join('; ')
      : 'the test declares it, but none of its checks concluded on it';
  }
  return test.message || undefined;
}

export interface CatalogRequirement {
  readonly id: string;
  readonly level: RequirementVerdict['level'];
  readonly profile?: 'test' | 'production';
}

export const UNTESTED_REASON = 'no test of this suite checks it yet';
export const BASIC_PROFILE_REASON =
  'a test-profile requirement: the production profile judges only the security requirements; run with --profile basic';
export const PRODUCTION_PROFILE_REASON =
  'a production-profile requirement: run with --profile production to judge it';

/**
 * Every requirement of the role, in catalog order by id: the judged ones as the tests left them,
 * the rest `untested` (or `not-applicable` for a production-profile requirement no test covers),
 * each with its reason. Requirements the tests declare outside the role's catalog are kept too.
 */
export function coverRequirements(
  judged: readonly RequirementVerdict[],
  catalog: readonly CatalogRequirement[],
  runProfile: 'basic' | 'production' = 'basic',
): RequirementVerdict[] {
  const byId = new Map(judged.map((r) => [r.id, r]));
  // A production run judges only the production-profile rows; the rest wait for a basic run.
  const outside = (c: CatalogRequirement) =>
    runProfile === 'production' ? c.profile !== 'production' : c.profile === 'production';
  const reason = runProfile === 'production' ? BASIC_PROFILE_REASON : PRODUCTION_PROFILE_REASON;
  const all: RequirementVerdict[] = catalog.map(
    (c) =>
      byId.get(c.id) ??
      (outside(c)
        ? {
            id: c.id,
            level: c.level,
            verdict: 'not-applicable',
            tests: [],
            reason,
          }
        : { id: c.id, level: c.level, verdict: 'untested', tests: [], reason: UNTESTED_REASON }),
  );
  const inCatalog = new Set(catalog.map((c) => c.id));
  for (const r of judged) if (!inCatalog.has(r.id)) all.push(r);
  return all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function coverageOf(requirements: readonly RequirementVerdict[]): RequirementCoverage {
  const count = (v: RequirementVerdict['verdict']) => requirements.filter((r) => r.verdict === v).length;
  const pass = count('pass');
  const fail = count('fail');
  const inconclusive = count('inconclusive');
  return {
    total: requirements.length,
    judged: pass + fail + inconclusive,
    pass,
    fail,
    inconclusive,
    error: count('error'),
    notApplicable: count('not-applicable'),
    skipped: count('skipped'),
    untested: count('untested'),
  };
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

/**
 * The report as written: `$schema` first, every test naming the checks behind its verdict,
 * and the seeds of the fault generators its evidence recorded.
 */
export function finalizeReport(report: RunReport): RunReport & { $schema: typeof REPORT_SCHEMA_ID } {
  const { $schema: _schema, ...rest } = report;
  const tests = report.tests.map((t) => ({
    ...t,
    checks: t.checks ?? [...new Set(t.findings.map((f) => f.check).filter((c) => c !== undefined))],
    findings: t.findings.map((f) =>
      f.input === undefined ? f : { ...f, input: encodeCheckValue(f.input) as NonNullable<Finding['input']> },
    ),
  }));
  const faultSeeds = report.faultSeeds ?? faultSeedsOf(tests);
  return {
    $schema: REPORT_SCHEMA_ID,
    ...rest,
    ...(faultSeeds.length > 0 ? { faultSeeds } : {}),
    tests,
  };
}

/**
 * Seeds of the fault scripts the tests loaded (the `fault-script-loaded` observation a mock
 * records, whose script's `seed` is 0 when absent) and of fault entries that name one, once per
 * test, ledger and seed.
 */
function faultSeedsOf(tests: readonly TestReport[]): FaultSeed[] {
  const seeds = new Map<string, FaultSeed>();
  for (const test of tests) {
    for (const [ledger, entries] of Object.entries(test.evidence.ledgers)) {
      for (const entry of entries) {
        const seed =
          entry.kind === 'fault'
            ? entry.detail.seed
            : entry.kind === 'observation' && entry.what === 'fault-script-loaded'
              ? ((entry.data as { seed?: unknown } | null)?.seed ?? 0)
              : undefined;
        if (typeof seed !== 'number' || !Number.isInteger(seed)) continue;
        const rule = entry.kind === 'fault' ? entry.ruleId : undefined;
        seeds.set(`${test.id}\0${ledger}\0${rule ?? ''}\0${seed}`, {
          test: test.id,
          ledger,
          ...(rule !== undefined ? { rule } : {}),
          seed,
        });
      }
    }
  }
  return [...seeds.values()];
}

/**
 * The files of a run's report, by name: report.json (authoritative), junit.xml and report.sarif
 * for CI dashboards, summary.md for a CI job summary or a merge-request comment.
 */
export function reportFiles(report: RunReport, lang: Lang = 'en'): Record<string, string> {
  const final = finalizeReport(report);
  return {
    'report.json': `${JSON.stringify(final, null, 2)}\n`,
    'junit.xml': toJunitXml(final),
    'report.sarif': `${JSON.stringify(toSarif(final), null, 2)}\n`,
    'summary.md': toMarkdownSummary(final, lang),
  };
}

/** The same, synchronously: for the last moment before a forced exit. */
export function writeRunReportSync(reportDir: string, report: RunReport, lang: Lang = 'en'): void {
  for (const [name, content] of Object.entries(reportFiles(report, lang)))
    writeFileSync(join(reportDir, name), content);
}

/** Writes the report files (see {@link reportFiles}) into `reportDir` (which must exist). */
export async function writeRunReport(reportDir: string, report: RunReport, lang: Lang = 'en'): Promise<void> {
  for (const [name, content] of Object.entries(reportFiles(report, lang)))
    await writeFile(join(reportDir, name), content);
}

/** Requirements of a run that stopped before judging them: each `skipped`, with why. */
export function unjudgedRequirements(
  catalog: readonly CatalogRequirement[],
  reason: string,
  judged: readonly RequirementVerdict[] = [],
): RequirementVerdict[] {
  return coverRequirements(judged, catalog).map((r) =>
    r.verdict === 'untested' ? { ...r, verdict: 'skipped', reason } : r,
  );
}
