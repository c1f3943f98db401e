import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TekigoUsageError } from '../../errors.ts';
import { allReplicas, references } from '../../reference/registry.ts';
import type { RunReport } from '../../report/report-model.ts';
import { defineCommand } from '../command-definition.ts';
import { formatTable } from '../format-table.ts';

const TEKIGO = fileURLToPath(new URL('../../../bin/tekigo.js', import.meta.url));

interface Outcome {
  readonly exitCode: number;
  readonly report: RunReport | null;
  readonly seconds: number;
  /** The run's last stderr line, for a run that ended without a report. */
  readonly lastLine: string;
}

/** One `tekigo run` in its own process, so that runs can go side by side. */
async function runInChild(
  role: string,
  target: string,
  reportDir: string,
  focus: readonly string[],
  profile?: 'production',
): Promise<Outcome> {
  const started = performance.now();
  const selection = focus.length > 0 ? ['--requirements', focus.join(',')] : [];
  const child = spawn(
    process.execPath,
    [
      TEKIGO,
      'run',
      '--role',
      role,
      '--target',
      target,
      '--report-dir',
      reportDir,
      ...selection,
      ...(profile ? ['--profile', profile] : []),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  const exitCode = await new Promise<number>((resolve) => {
    child.once('error', () => resolve(2));
    child.once('close', (code) => resolve(code ?? 2));
  });
  const report = await readFile(join(reportDir, 'report.json'), 'utf8')
    .then((text) => JSON.parse(text) as RunReport)
    .catch(() => null);
  const lastLine = stderr.trim().split('\n').at(-1) ?? '';
  return { exitCode, report, seconds: (performance.now() - started) / 1000, lastLine };
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the order of `items`. */
async function bounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/**
 * The suite proving itself: it must pass the reference and catch every replica on the
 * requirements that replica declares it violates.
 */
export const demo = defineCommand({
  name: 'demo',
  summary: 'Run the suite of every role against its reference and every incident replica, then tabulate',
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
    jobs: {
      type: 'string',
      valueName: 'n',
      description: 'how many targets run at once (default: the number of cores)',
    },
  },
  async run({ options, io }) {
    const targets = references().flatMap(({ role }) => [
      {
        role,
        target: 'reference',
        label: `${role} reference`,
        expected: [] as readonly string[],
        incidents: [] as readonly string[],
      },
      ...allReplicas(role)
        .filter((r) => options.all || r.kind === 'incident')
        .map((r) => ({
          role,
          target: `replica:${r.name}`,
          label: `replica:${r.name}`,
          expected: r.violates,
          incidents: r.incidents,
          ...(r.profile ? { profile: r.profile } : {}),
        })),
    ]);
    const jobs = options.jobs === undefined ? availableParallelism() : Number(options.jobs);
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new TekigoUsageError(
        'BAD_JOBS',
        `--jobs ${options.jobs} is not a whole number of 1 or more; fix it`,
      );
    io.stderr(`tekigo demo: ${targets.length} targets, ${Math.min(jobs, targets.length)} at a time`);
    io.stderr(
      options.all
        ? 'tekigo demo: every target runs its whole suite'
        : 'tekigo demo: each reference runs its whole suite; each replica runs focused on its declared requirements (tekigo run --requirements <its ids>: the tests that declare any of them)',
    );
    let done = 0;
    // The references (whole suites, the longest runs) start first so that the short focused runs fill in around them.
    const order = [...targets.keys()].sort(
      (a, b) => Number(targets[a]?.expected.length !== 0) - Number(targets[b]?.expected.length !== 0),
    );
    const finished = await bounded(order, jobs, async (index) => {
      const entry = targets[index] as (typeof targets)[number];
      const { role, target, label, expected } = entry;
      const outcome = await runInChild(
        role,
        target,
        `${options['report-dir']}/${role}/${target.replace(':', '-')}`,
        // The default demo focuses each replica; --all runs every suite in full for the matrix.
        options.all ? [] : expected,
        'profile' in entry ? entry.profile : undefined,
      );
      done += 1;
      const failed = outcome.report?.failedRequirements ?? [];
      io.stderr(
        `[${done}/${targets.length}] ${label}: exit ${outcome.exitCode} in ${outcome.seconds.toFixed(1)} s` +
          (failed.length ? `; failed ${failed.join(', ')}` : '') +
          (outcome.report ? '' : `; no report (${outcome.lastLine})`),
      );
      return outcome;
    });
    const outcomes: Outcome[] = new Array(targets.length);
    for (const [position, index] of order.entries()) outcomes[index] = finished[position] as Outcome;
    const rows: string[][] = [];
    const failedTests = new Map<string, Set<string>>();
    const testIds = new Set<string>();
    let allAsExpected = true;
    for (const [index, { label, expected, incidents }] of targets.entries()) {
      const { exitCode, report, seconds } = outcomes[index] as Outcome;
      const failed = report?.failedRequirements ?? [];
      for (const t of report?.tests ?? []) {
        testIds.add(t.id);
        if (t.verdict === 'fail') failedTests.set(t.id, (failedTests.get(t.id) ?? new Set()).add(label));
      }
      const caught =
        expected.length === 0
          ? exitCode === 0
          : exitCode === 1 && expected.every((id) => failed.includes(id));
      allAsExpected &&= caught;
      rows.push([
        label,
        exitCode === 0 ? 'pass' : exitCode === 1 ? 'fail' : 'error',
        expected.length === 0
          ? caught
            ? 'passes, as it must'
            : 'SHOULD PASS'
          : caught
            ? 'caught'
            : `MISSED ${expected.filter((id) => !failed.includes(id)).join(', ')}`,
        incidents.join(', ') || '-',
        failed.join(', ') || '-',
        `${seconds.toFixed(1)} s`,
      ]);
    }
    io.stdout('');
    for (const line of formatTable(
      ['TARGET', 'VERDICT', 'AS EXPECTED', 'INCIDENTS', 'FAILED REQUIREMENTS', 'TIME'],
      rows,
    ))
      io.stdout(line);
    io.stdout('');
    // A test no replica fails might be unable to fail at all: the matrix shows it.
    const replicaTargets = targets.filter((t) => t.expected.length > 0).map((t) => t.label);
    const matrix = [...testIds]
      .sort()
      .map((id) => [id, ...replicaTargets.map((target) => (failedTests.get(id)?.has(target) ? 'x' : '.'))]);
    io.stdout(
      options.all
        ? 'Tests (rows) failed (x) by each replica (columns):'
        : 'Tests (rows) failed (x) by each replica (columns), each replica focused on its declared requirements:',
    );
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
