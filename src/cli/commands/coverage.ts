import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TekigoUsageError } from '../../errors.ts';
import { allReplicas } from '../../reference/registry.ts';
import { coverageMatrix } from '../../report/coverage.ts';
import type { RunReport } from '../../report/report-model.ts';
import { loadCatalog } from '../../spec/catalog.ts';
import { defaultSpecsDir } from '../../spec/load-spec.ts';
import { ROLES } from '../../spec/roles.ts';
import { defineCommand } from '../command-definition.ts';
import { formatTable, truncate } from '../format-table.ts';

/** Every `<dir>/*\/report.json` (one level down) and `<dir>/report.json`, for the role. */
async function readReports(dir: string, role: string): Promise<RunReport[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new TekigoUsageError(
      'NO_REPORTS',
      `--reports ${dir} cannot be read (${(error as NodeJS.ErrnoException).code}); run tekigo run --role ${role} --target reference (and --target replica:NAME) first, or point --reports at their report folders`,
    );
  }
  const reports: RunReport[] = [];
  for (const path of [join(dir, 'report.json'), ...entries.map((e) => join(dir, e, 'report.json'))]) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    try {
      const report = JSON.parse(text) as RunReport;
      if (report.role === role) reports.push(report);
    } catch {
      throw new TekigoUsageError('BAD_REPORT', `${path} is not JSON; run it again or remove it`);
    }
  }
  return reports;
}

export const coverage = defineCommand({
  name: 'coverage',
  summary:
    'The requirement × test × replica matrix of a role, from the reports of its runs: MUSTs no test checks, tests no replica fails',
  args: [],
  options: {
    role: { type: 'string', valueName: 'role', required: true, choices: ROLES, description: 'the role' },
    reports: {
      type: 'string',
      valueName: 'dir',
      description:
        'folder holding one folder per run (each with report.json), default reports/<role>: run the reference and every replica there first',
    },
    json: { type: 'boolean', description: 'print the whole matrix as JSON' },
  },
  async run({ options, io, specsDir }) {
    const role = options.role as string;
    const reports = await readReports(options.reports ?? join('reports', role), role);
    if (reports.length === 0) {
      throw new TekigoUsageError(
        'NO_REPORTS',
        `no report of ${role} in ${options.reports ?? join('reports', role)}; run tekigo run --role ${role} --target reference (and --target replica:NAME for each replica) first`,
      );
    }
    const catalog = (await loadCatalog(specsDir ?? defaultSpecsDir())).requirements.filter((r) =>
      (r.roles as readonly string[]).includes(role),
    );
    const matrix = coverageMatrix({ role, catalog, replicas: allReplicas(role), reports });
    if (options.json) {
      io.stdout(JSON.stringify(matrix, null, 2));
      return 0;
    }
    const rows = matrix.requirements.map((r) => [
      r.id,
      r.level,
      truncate(r.tests.join(' ') || '—', 40),
      truncate(r.failedBy.join(' ') || '—', 60),
    ]);
    for (const line of formatTable(['REQUIREMENT', 'LEVEL', 'TESTS', 'FAILED BY REPLICAS'], rows))
      io.stdout(line);
    io.stdout('');
    io.stdout(
      `MUST requirements no test checks (${matrix.mustWithoutTest.length}): ${matrix.mustWithoutTest.join(', ') || 'none'}`,
    );
    io.stdout(
      `tests no replica fails (${matrix.testsNoReplicaFails.length}): ${matrix.testsNoReplicaFails.join(', ') || 'none'}`,
    );
    for (const r of matrix.replicas.filter((x) => x.missed.length > 0)) {
      io.stdout(`replica ${r.name} declares ${r.missed.join(', ')} but its report does not fail them`);
    }
    if (matrix.replicasNotRun.length > 0) {
      io.stdout(
        `replicas with no report in this folder (${matrix.replicasNotRun.length}), counted as failing nothing: ${matrix.replicasNotRun.join(', ')}`,
      );
    }
    io.stdout(
      `tekigo coverage: ${role}: ${matrix.requirements.length} requirements, ${matrix.tests.length} tests, ${matrix.replicas.length - matrix.replicasNotRun.length} of ${matrix.replicas.length} replicas with a report`,
    );
    return 0;
  },
});
