import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CatalogRequirement,
  coverRequirements,
  rollUpRequirements,
  unjudgedRequirements,
} from '../conformance/build-report.ts';
import type { ValidationOutcome } from '../evidence/ledger-entry.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { decodeCheckValue } from './check-input-codec.ts';
import { checkRunner } from './check-registry.ts';
import { refLabel, resolveRef } from './evidence-summary.ts';
import type { Finding, RunReport, TestReport, Verdict } from './report-model.ts';

/** One verdict or recorded fact that came out differently when judged again. */
export interface Difference {
  /** `test CA-S01`, `requirement GEN-SEND-006`, `CA-S01 suite#6 response`, `CA-S01 check problem-body`. */
  readonly what: string;
  readonly recorded: string;
  readonly rejudged: string;
}

export interface RejudgeResult {
  readonly specDigest: string;
  readonly tests: number;
  readonly requirements: number;
  /** Messages validated again against the schemas of the recorded spec. */
  readonly messages: number;
  /** Findings recomputed by running their check again. */
  readonly rerun: number;
  /** Findings of checks written inline in a test: taken as recorded. */
  readonly inline: number;
  readonly differences: readonly Difference[];
}

const key = (f: Pick<Finding, 'requirement' | 'verdict' | 'message'>) =>
  `${f.requirement} ${f.verdict}: ${f.message}`;
/** A waived failure was a failure before the waiver: compare what the checks said. */
const unwaived = (v: string): string => (v === 'waived' ? 'fail' : v);

function testVerdict(recorded: TestReport, findings: readonly Finding[]): Verdict {
  if (
    recorded.verdict === 'error' ||
    recorded.verdict === 'skipped' ||
    recorded.verdict === 'not-applicable'
  ) {
    return recorded.verdict;
  }
  if (findings.length === 0) return 'error';
  if (findings.some((f) => f.verdict === 'fail')) return 'fail';
  return findings.some((f) => f.verdict === 'inconclusive') ? 'inconclusive' : 'pass';
}

function revalidate(
  test: TestReport,
  validate: (messageType: string, value: unknown) => ValidationOutcome,
  differences: Difference[],
): number {
  let count = 0;
  for (const [ledger, entries] of Object.entries(test.evidence.ledgers)) {
    for (const entry of entries) {
      if (entry.kind !== 'exchange') continue;
      for (const side of ['request', 'response'] as const) {
        const recorded = entry.validation[side];
        if (!recorded) continue;
        count++;
        const body = side === 'request' ? entry.requestBody : entry.responseBody;
        let now: ValidationOutcome;
        try {
          now = validate(recorded.messageType, body);
        } catch (error) {
          now = { messageType: recorded.messageType, valid: false, errors: [] };
          differences.push({
            what: `${test.id} ${ledger}#${entry.seq} ${side}`,
            recorded: `${recorded.messageType} valid=${recorded.valid}`,
            rejudged: `cannot validate: ${(error as Error).message}`,
          });
          continue;
        }
        const shape = (o: ValidationOutcome) =>
          `${o.messageType} valid=${o.valid}${o.errors.length ? ` [${o.errors.map((e) => `${e.instancePath} ${e.keyword}`).join(', ')}]` : ''}`;
        if (shape(now) !== shape(recorded)) {
          differences.push({
            what: `${test.id} ${ledger}#${entry.seq} ${side}`,
            recorded: shape(recorded),
            rejudged: shape(now),
          });
        }
      }
    }
  }
  return count;
}

/** Runs every recorded check again; returns the test's findings as now judged. */
function rerunChecks(
  test: TestReport,
  differences: Difference[],
  counts: { rerun: number; inline: number },
): Finding[] {
  const groups = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const f of test.findings) {
    if (f.input === undefined || f.check === undefined) {
      counts.inline++;
      out.push(f);
      continue;
    }
    const id = `${f.check}\0${JSON.stringify(f.input)}`;
    groups.set(id, [...(groups.get(id) ?? []), f]);
  }
  const resolve = (ledger: string, refs: readonly { ledger: string; seq: number; through?: number }[]) =>
    refs.flatMap((ref) => {
      const entries = resolveRef(test.evidence, { ...ref, ledger: ref.ledger ?? ledger });
      const expected = (ref.through ?? ref.seq) - ref.seq + 1;
      if (entries.length !== expected)
        throw new Error(`evidence ${refLabel(ref)} is not in the test's ledgers`);
      return entries;
    });
  for (const recorded of groups.values()) {
    const first = recorded[0] as Finding;
    const name = first.check as string;
    counts.rerun += recorded.length;
    const runner = checkRunner(name);
    let again: Finding[];
    try {
      if (!runner) throw new Error(`no check named ${name} in the registry`);
      again = runner(decodeCheckValue(first.input) as NonNullable<Finding['input']>, resolve, [
        ...new Set(recorded.map((f) => f.requirement)),
      ]);
    } catch (error) {
      differences.push({
        what: `${test.id} check ${name}`,
        recorded: recorded.map(key).join('; '),
        rejudged: `cannot run again: ${(error as Error).message}`,
      });
      out.push(...recorded);
      continue;
    }
    const before = [...new Set(recorded.map(key))].sort().join('; ');
    const after = [...new Set(again.map(key))].sort().join('; ');
    if (before !== after)
      differences.push({ what: `${test.id} check ${name}`, recorded: before, rejudged: after });
    out.push(...again);
  }
  return out;
}

/**
 * Judges a bundle again, offline: every recorded message is validated again against the
 * schemas of the bundle's spec (whose digest must be the report's), every check with a recorded
 * input is looked up by name and run again over the recorded evidence, and each test's and
 * requirement's verdict is recomputed from the findings. Lists every verdict that differs.
 */
export async function rejudgeBundle(bundleDir: string): Promise<RejudgeResult> {
  const report = JSON.parse(await readFile(join(bundleDir, 'report.json'), 'utf8')) as RunReport;
  const spec = await loadSpec({ specsDir: join(bundleDir, 'specs') });
  const differences: Difference[] = [];
  if (spec.digest !== report.specDigest) {
    differences.push({ what: 'spec digest', recorded: report.specDigest, rejudged: spec.digest });
  }
  const counts = { rerun: 0, inline: 0 };
  let messages = 0;
  const tests: TestReport[] = report.tests.map((test) => {
    messages += revalidate(test, spec.validate, differences);
    const findings = rerunChecks(test, differences, counts);
    const verdict = testVerdict(test, findings);
    if (verdict !== unwaived(test.verdict)) {
      differences.push({ what: `test ${test.id}`, recorded: test.verdict, rejudged: verdict });
    }
    return { ...test, verdict, findings };
  });
  const catalog: CatalogRequirement[] = spec.catalog.requirements.filter((r) =>
    (r.roles as readonly string[]).includes(report.role),
  );
  const judged = rollUpRequirements(tests, (id) => spec.catalog.byId(id)?.level ?? 'UNKNOWN');
  const requirements = report.aborted
    ? unjudgedRequirements(catalog, report.aborted.message, judged)
    : coverRequirements(judged, catalog);
  const now = new Map(requirements.map((r) => [r.id, r.verdict]));
  for (const r of report.requirements) {
    const again = now.get(r.id) ?? 'absent';
    if (again !== unwaived(r.verdict))
      differences.push({ what: `requirement ${r.id}`, recorded: r.verdict, rejudged: again });
  }
  for (const r of requirements) {
    if (!report.requirements.some((x) => x.id === r.id)) {
      differences.push({ what: `requirement ${r.id}`, recorded: 'absent', rejudged: r.verdict });
    }
  }
  return {
    specDigest: spec.digest,
    tests: tests.length,
    requirements: requirements.length,
    messages,
    rerun: counts.rerun,
    inline: counts.inline,
    differences,
  };
}
