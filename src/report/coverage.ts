import type { RunReport } from './report-model.ts';

export interface CoverageInput {
  readonly role: string;
  readonly catalog: readonly { readonly id: string; readonly level: string }[];
  /** The role's replicas and the requirement ids each declares it violates. */
  readonly replicas: readonly { readonly name: string; readonly violates: readonly string[] }[];
  /** Reports of runs of the role's suite: the reference's and the replicas'. */
  readonly reports: readonly RunReport[];
}

export interface CoverageMatrix {
  readonly role: string;
  readonly requirements: readonly {
    readonly id: string;
    readonly level: string;
    /** Tests of the suite that declare it. */
    readonly tests: readonly string[];
    /** Replicas that declare they violate it. */
    readonly replicas: readonly string[];
    /** Replicas whose report fails it. */
    readonly failedBy: readonly string[];
  }[];
  readonly tests: readonly {
    readonly id: string;
    readonly requirements: readonly string[];
    readonly failedBy: readonly string[];
  }[];
  readonly replicas: readonly {
    readonly name: string;
    readonly violates: readonly string[];
    readonly run: boolean;
    readonly failedTests: readonly string[];
    /** Declared ids its report does not list among failedRequirements. */
    readonly missed: readonly string[];
  }[];
  readonly mustWithoutTest: readonly string[];
  /** Tests that no replica report fails: each could not fail yet, as far as the reports show. */
  readonly testsNoReplicaFails: readonly string[];
  readonly replicasNotRun: readonly string[];
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/**
 * The requirement × test × replica matrix of a role, from the catalog, the replicas' declared
 * ids and the reports of runs against the reference and the replicas. A test's declared
 * requirements are taken from every report that ran it.
 */
export function coverageMatrix(input: CoverageInput): CoverageMatrix {
  const reports = input.reports.filter((r) => r.role === input.role);
  const testRequirements = new Map<string, Set<string>>();
  for (const report of reports) {
    for (const t of report.tests) {
      const set = testRequirements.get(t.id) ?? new Set<string>();
      for (const id of t.requirements) set.add(id);
      testRequirements.set(t.id, set);
    }
  }
  const replicaReport = new Map(
    reports.filter((r) => r.target.startsWith('replica:')).map((r) => [r.target.slice('replica:'.length), r]),
  );
  const replicas = input.replicas.map((replica) => {
    const report = replicaReport.get(replica.name);
    const failedTests = sorted((report?.tests ?? []).filter((t) => t.verdict === 'fail').map((t) => t.id));
    return {
      name: replica.name,
      violates: replica.violates,
      run: report !== undefined,
      failedTests,
      missed: report ? replica.violates.filter((id) => !report.failedRequirements.includes(id)) : [],
      failedRequirements: report?.failedRequirements ?? [],
    };
  });
  const ids = sorted([
    ...input.catalog.map((c) => c.id),
    ...[...testRequirements.values()].flatMap((s) => [...s]),
  ]);
  const levels = new Map(input.catalog.map((c) => [c.id, c.level]));
  const requirements = ids.map((id) => ({
    id,
    level: levels.get(id) ?? 'UNKNOWN',
    tests: sorted([...testRequirements].filter(([, reqs]) => reqs.has(id)).map(([test]) => test)),
    replicas: replicas.filter((r) => r.violates.includes(id)).map((r) => r.name),
    failedBy: replicas.filter((r) => r.failedRequirements.includes(id)).map((r) => r.name),
  }));
  const tests = sorted(testRequirements.keys()).map((id) => ({
    id,
    requirements: sorted(testRequirements.get(id) ?? []),
    failedBy: replicas.filter((r) => r.failedTests.includes(id)).map((r) => r.name),
  }));
  return {
    role: input.role,
    requirements,
    tests,
    replicas: replicas.map(({ failedRequirements: _, ...r }) => r),
    mustWithoutTest: requirements.filter((r) => r.level === 'MUST' && r.tests.length === 0).map((r) => r.id),
    testsNoReplicaFails: tests
      .filter((t) => t.requirements.length > 0 && t.failedBy.length === 0)
      .map((t) => t.id),
    replicasNotRun: replicas.filter((r) => !r.run).map((r) => r.name),
  };
}
