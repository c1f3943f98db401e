import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TekigoEnvironmentError, TekigoUsageError } from '../errors.ts';
import { referenceFor } from '../reference/registry.ts';
import { toJunitXml } from '../report/junit.ts';
import type { RunReport } from '../report/report-model.ts';
import { worstVerdict } from '../report/report-model.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { ROLES } from '../spec/roles.ts';
import { createHttpClient } from '../transport/index.ts';
import { exitCodeOf, rollUpRequirements, summarize } from './build-report.ts';
import { ConformanceReporter } from './conformance-reporter.ts';
import { formatTarget, parseTarget } from './target-spec.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunOptions {
  readonly role: string;
  readonly target: string;
  readonly environment?: 'embedded';
  readonly reportDir?: string;
  readonly grep?: string;
  /** Receives one line per finished test and the run's start and end. */
  readonly progress?: (line: string) => void;
}

export interface RunResult {
  readonly exitCode: 0 | 1 | 2;
  readonly report: RunReport;
  readonly reportDir: string;
}

/** Runs one role's suite against one target and writes `report.json` and `junit.xml`. */
export async function runConformance(options: RunOptions): Promise<RunResult> {
  const progress = options.progress ?? (() => {});
  const suiteDir = join(ROOT, 'suites', options.role);
  if (!existsSync(suiteDir)) {
    throw new TekigoUsageError(
      'UNKNOWN_ROLE',
      `no suite for role ${JSON.stringify(options.role)}; use --role with one of: ${availableRoles().join(', ')}`,
    );
  }
  const target = parseTarget(options.target);
  if (target.kind === 'replica') {
    const known = referenceFor(options.role).replicas.map((r) => r.name);
    if (!known.includes(target.name)) {
      throw new TekigoUsageError(
        'UNKNOWN_REPLICA',
        `no replica ${target.name} for ${options.role}; use one of: ${known.join(', ')}`,
      );
    }
  }
  if (target.kind === 'url') await assertReachable(target.url);

  const spec = await loadSpec();
  const reportDir = resolve(
    options.reportDir ?? join('reports', options.role, safeName(formatTarget(target))),
  );
  const startedAt = new Date().toISOString();
  progress(
    `tekigo: ${options.role} suite against ${formatTarget(target)} (spec ${spec.digest.slice(0, 19)}…)`,
  );

  const reporter = new ConformanceReporter(ROOT, progress);
  // The suite reads its target from the environment, as it does under a plain `vitest run`.
  const saved = { target: process.env.TEKIGO_TARGET, url: process.env.TEKIGO_TARGET_URL };
  if (target.kind === 'url') process.env.TEKIGO_TARGET_URL = target.url;
  else {
    delete process.env.TEKIGO_TARGET_URL;
    process.env.TEKIGO_TARGET = formatTarget(target);
  }
  try {
    // Loaded here, not at the top: vitest takes longer to load than every other command needs to run.
    const { startVitest } = await import('vitest/node');
    const vitest = await startVitest(
      'test',
      [`suites/${options.role}/`],
      {
        root: ROOT,
        config: join(ROOT, 'vitest.config.ts'),
        project: 'suites',
        run: true,
        watch: false,
        reporters: [reporter],
        ...(options.grep ? { testNamePattern: options.grep } : {}),
      },
      {},
      {},
    );
    await vitest.close();
  } finally {
    restoreEnv('TEKIGO_TARGET', saved.target);
    restoreEnv('TEKIGO_TARGET_URL', saved.url);
  }
  if (reporter.tests.length === 0) {
    throw new TekigoUsageError(
      'NO_TESTS',
      `no test in suites/${options.role} matched${options.grep ? ` --grep ${JSON.stringify(options.grep)}` : ''}${reporter.unhandled.length ? ` (${reporter.unhandled[0]})` : ''}; check the pattern`,
    );
  }
  const tests = reporter.tests.toSorted((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const requirements = rollUpRequirements(tests, (id) => spec.catalog.byId(id)?.level ?? 'UNKNOWN');
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const report: RunReport = {
    reportFormat: 'tekigo-report/1',
    suiteVersion: pkg.version,
    specDigest: spec.digest,
    role: options.role,
    target: formatTarget(target),
    environment: options.environment ?? 'embedded',
    startedAt,
    finishedAt: new Date().toISOString(),
    tool: { name: 'tekigo', version: pkg.version, node: process.version },
    capabilities: reporter.capabilities,
    summary: summarize(tests),
    verdict: worstVerdict(tests.map((t) => t.verdict)),
    failedRequirements: requirements.filter((r) => r.verdict === 'fail').map((r) => r.id),
    requirements,
    tests,
  };
  await mkdir(reportDir, { recursive: true });
  await writeFile(join(reportDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(reportDir, 'junit.xml'), toJunitXml(report));
  const exitCode = exitCodeOf(report);
  const s = report.summary;
  progress(
    `tekigo: ${s.passed} passed, ${s.failed} failed, ${s.errors} errors, ${s.skipped + s.notApplicable} skipped` +
      (report.failedRequirements.length
        ? `; failed requirements: ${report.failedRequirements.join(', ')}`
        : '') +
      `; report in ${reportDir}`,
  );
  return { exitCode, report, reportDir };
}

async function assertReachable(url: string): Promise<void> {
  const client = createHttpClient();
  try {
    await client.fetch(`${url}/health`, { timeoutMs: 3_000 });
  } catch (error) {
    const reason =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new TekigoEnvironmentError(
      'TARGET_UNREACHABLE',
      `cannot reach ${url}/health (${reason}); start the implementation in test mode or fix --target`,
    );
  } finally {
    await client.close();
  }
}

function availableRoles(): string[] {
  return ROLES.filter((r) => existsSync(join(ROOT, 'suites', r)));
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
