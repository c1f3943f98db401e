import { runConformance } from '../../conformance/run-conformance.ts';
import { allReplicas } from '../../reference/registry.ts';
import { defineCommand } from '../command-definition.ts';
import { formatTable } from '../format-table.ts';

const ROLE = 'certification-authority';

/**
 * The suite proving itself: it must pass the reference and catch every replica on the
 * requirements that replica declares it violates.
 */
export const demo = defineCommand({
  name: 'demo',
  summary:
    'Run the certification-authority suite against the reference and every incident replica, then tabulate',
  args: [],
  options: {
    all: {
      type: 'boolean',
      description: 'also run every mutant, not only the incident replicas (takes several times longer)',
    },
    'report-dir': {
      type: 'string',
      valueName: 'dir',
      default: 'reports/demo',
      description: 'where each run writes its report',
    },
  },
  async run({ options, io }) {
    const targets = [
      { target: 'reference', expected: [] as readonly string[] },
      ...allReplicas(ROLE)
        .filter((r) => options.all || r.kind === 'incident')
        .map((r) => ({ target: `replica:${r.name}`, expected: r.violates })),
    ];
    const rows: string[][] = [];
    const failedTests = new Map<string, Set<string>>();
    const testIds = new Set<string>();
    let allAsExpected = true;
    for (const [index, { target, expected }] of targets.entries()) {
      io.stderr(`\n[${index + 1}/${targets.length}] ${target}`);
      const started = performance.now();
      const result = await runConformance({
        role: ROLE,
        target,
        reportDir: `${options['report-dir']}/${target.replace(':', '-')}`,
        progress: io.stderr,
      });
      const failed = result.report.failedRequirements;
      for (const t of result.report.tests) {
        testIds.add(t.id);
        if (t.verdict === 'fail') failedTests.set(t.id, (failedTests.get(t.id) ?? new Set()).add(target));
      }
      const caught =
        expected.length === 0
          ? result.exitCode === 0
          : result.exitCode === 1 && expected.every((id) => failed.includes(id));
      allAsExpected &&= caught;
      rows.push([
        target,
        result.exitCode === 0 ? 'pass' : result.exitCode === 1 ? 'fail' : 'error',
        expected.length === 0
          ? caught
            ? 'passes, as it must'
            : 'SHOULD PASS'
          : caught
            ? 'caught'
            : `MISSED ${expected.filter((id) => !failed.includes(id)).join(', ')}`,
        failed.join(', ') || '-',
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
      ]);
    }
    io.stdout('');
    for (const line of formatTable(['TARGET', 'VERDICT', 'AS EXPECTED', 'FAILED REQUIREMENTS', 'TIME'], rows))
      io.stdout(line);
    io.stdout('');
    // A test no replica fails might be unable to fail at all: the matrix shows it.
    const replicaTargets = targets.slice(1).map((t) => t.target);
    const matrix = [...testIds]
      .sort()
      .map((id) => [id, ...replicaTargets.map((target) => (failedTests.get(id)?.has(target) ? 'x' : '.'))]);
    io.stdout('Tests (rows) failed (x) by each replica (columns):');
    for (const line of formatTable(['TEST', ...replicaTargets.map((_, i) => `R${i + 1}`)], matrix))
      io.stdout(line);
    for (const [i, target] of replicaTargets.entries()) io.stdout(`  R${i + 1} = ${target}`);
    const neverFailed = [...testIds].filter((id) => !failedTests.has(id));
    if (neverFailed.length > 0 && options.all) {
      allAsExpected = false;
      io.stdout(
        `Tests that no replica or mutant fails (each must fail against at least one): ${neverFailed.join(', ')}`,
      );
    } else if (neverFailed.length > 0) {
      io.stdout(
        `Tests no incident replica fails (run with --all to see the mutants that do): ${neverFailed.join(', ')}`,
      );
    }
    io.stdout('');
    io.stdout(
      allAsExpected
        ? 'The suite passes the reference and catches every replica it ran.'
        : 'The suite did NOT behave as expected on every target (see above).',
    );
    return allAsExpected ? 0 : 1;
  },
});
