/**
 * The acceptance loops of a role, run one after another and tallied (not part of `npm test`):
 * the reference must exit 0 every run; every replica must exit 1 with all the requirement ids it
 * declares among `failedRequirements` of its `report.json`. With `--matrix`, prints the
 * replica × test table (x: the test fails against the replica) from the last run of each replica.
 *
 *   npx tsx test-env/bench/role-acceptance.ts --role national-center \
 *     [--reference 20] [--incident 20] [--mutant 3] [--only name,name] [--matrix] [--focused]
 *     [--profile production]
 *
 * `--focused` runs each replica with `--requirements` set to the ids it declares (the tests that
 * declare none of them are left out, as `npm start` runs them): much shorter loops, no matrix.
 * `--profile production` keeps only the production-profile runs: the reference in that profile
 * and the security replicas.
 *
 * Runs the compiled CLI (`npm run build` first), one run at a time; prints one line per run (a run
 * that is not as expected keeps its report in `reports/<role>/<target>-run-<n>`) and
 * the tally `target k/n`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { allReplicas } from '../../src/reference/registry.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    reference: { type: 'string', default: '1' },
    incident: { type: 'string', default: '1' },
    mutant: { type: 'string', default: '1' },
    only: { type: 'string' },
    matrix: { type: 'boolean', default: false },
    focused: { type: 'boolean', default: false },
    /** `production`: only the production-profile runs (the reference in production and the security replicas). */
    profile: { type: 'string' },
  },
});
const role = values.role;
if (!role) {
  console.error('role-acceptance: --role is required, e.g. --role national-center');
  process.exit(2);
}
const only = values.only ? new Set(values.only.split(',')) : undefined;
if (values.profile !== undefined && values.profile !== 'production') {
  console.error(
    `role-acceptance: --profile ${values.profile} is not a profile to select; use --profile production or leave it out`,
  );
  process.exit(2);
}
const productionOnly = values.profile === 'production';

interface Report {
  failedRequirements: string[];
  tests: { id: string; verdict: string }[];
}

interface Target {
  readonly target: string;
  readonly runs: number;
  readonly exit: number;
  readonly declared: readonly string[];
  /** `production` runs with --profile production (the security replicas and the reference beside them). */
  readonly profile?: 'production';
}

const replicas = allReplicas(role).filter(
  (r) => (!only || only.has(r.name)) && (!productionOnly || r.profile === 'production'),
);
const targets: Target[] = [
  ...((only && !only.has('reference')) || productionOnly
    ? []
    : [{ target: 'reference', runs: Number(values.reference), exit: 0, declared: [] }]),
  ...((productionOnly || replicas.some((r) => r.profile === 'production')) && (!only || only.has('reference'))
    ? [
        {
          target: 'reference',
          runs: Number(values.reference),
          exit: 0,
          declared: [],
          profile: 'production' as const,
        },
      ]
    : []),
  ...replicas.map((r) => ({
    target: `replica:${r.name}`,
    runs: Number(r.kind === 'incident' ? values.incident : values.mutant),
    exit: 1,
    declared: r.violates,
    ...(r.profile ? { profile: r.profile } : {}),
  })),
];

const tally: string[] = [];
const lastFailed = new Map<string, Set<string>>();
const testIds = new Set<string>();
for (const t of targets.filter((target) => target.runs > 0)) {
  let good = 0;
  for (let run = 1; run <= t.runs; run++) {
    const started = Date.now();
    const profile = t.profile ? ['--profile', t.profile] : [];
    const focus = values.focused && t.declared.length > 0 ? ['--requirements', t.declared.join(',')] : [];
    const child = spawnSync(
      'npx',
      ['tekigo', 'run', '--role', role, '--target', t.target, ...profile, ...focus],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    let report: Report | undefined;
    const reportDir = join('reports', role, t.target.replace(':', '_'));
    try {
      report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as Report;
    } catch {
      report = undefined;
    }
    const failed = new Set(report?.failedRequirements ?? []);
    const missing = t.declared.filter((id) => !failed.has(id));
    const ok = child.status === t.exit && missing.length === 0 && report !== undefined;
    if (ok) good++;
    for (const test of report?.tests ?? []) testIds.add(test.id);
    lastFailed.set(
      t.target,
      new Set((report?.tests ?? []).filter((x) => x.verdict === 'fail').map((x) => x.id)),
    );
    // The next run writes the same folder: a run that is not as expected keeps its report aside.
    const kept = `${reportDir}-run-${run}${t.profile ? `-${t.profile}` : ''}`;
    if (!ok && report !== undefined) cpSync(reportDir, kept, { recursive: true });
    const why = ok
      ? ''
      : `\n    ${`${child.stderr}${child.stdout}`.trim().split('\n').slice(-3).join('\n    ')}${report !== undefined ? `\n    report kept in ${kept}` : ''}`;
    console.log(
      `${t.target}${t.profile ? ` (${t.profile})` : ''} run ${run}/${t.runs}: exit ${child.status} in ${seconds} s${ok ? '' : ` NOT OK${missing.length ? ` (declared ids not failed: ${missing.join(', ')})` : ''}${t.exit === 0 ? ` failed: ${[...failed].join(', ')}` : ''}${why}`}`,
    );
  }
  tally.push(`${t.target}${t.profile ? ` (${t.profile})` : ''} ${good}/${t.runs}`);
}
console.log(`\ntally\n${tally.join('\n')}`);

if (values.matrix) {
  const ids = [...testIds].sort();
  console.log(`\n| replica | ${ids.join(' | ')} |`);
  console.log(`|---|${ids.map(() => '---').join('|')}|`);
  for (const r of replicas) {
    const failed = lastFailed.get(`replica:${r.name}`);
    console.log(`| ${r.name} | ${ids.map((id) => (failed?.has(id) ? 'x' : '.')).join(' | ')} |`);
  }
}
