import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertReportDirUsable } from '../cli/report-dir-check.ts';
import type { RunInterruption } from '../cli/run-interruption.ts';
import { TekigoUsageError } from '../errors.ts';
import type { Lang } from '../i18n/lang.ts';
import { messages } from '../i18n/messages.ts';
import { referenceFor } from '../reference/registry.ts';
import { writeHtmlReport } from '../report/html/write-html-report.ts';
import type { RunAbort, RunReport } from '../report/report-model.ts';
import { worstVerdict } from '../report/report-model.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { ROLES } from '../spec/roles.ts';
import {
  coverageOf,
  coverRequirements,
  exitCodeOf,
  rollUpRequirements,
  summarize,
  unjudgedRequirements,
  writeRunReport,
  writeRunReportSync,
} from './build-report.ts';
import { ConformanceReporter, closingLines } from './conformance-reporter.ts';
import type { EnvironmentName } from './environment.ts';
import { environmentFor } from './environments.ts';
import { PreflightFailure, preflightTarget } from './preflight.ts';
import type { RunContext, SecurityProfileName } from './run-context.ts';
import { formatTarget, parseTarget, type TargetSpec } from './target-spec.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunOptions {
  readonly role: string;
  /** `reference`, `replica:NAME`, a URL, or a parsed target (e.g. from `--launch` / `--target-file`). */
  readonly target: string | TargetSpec;
  readonly environment?: EnvironmentName | string;
  /** How long each preflight exchange may take, body included (default 10 s). */
  readonly preflightTimeoutMs?: number;
  /** SIGINT/SIGTERM handling of the CLI: a signal cancels the run and a partial report is written. */
  readonly interruption?: RunInterruption;
  readonly reportDir?: string;
  readonly grep?: string;
  /** Only the tests that declare at least one of these requirement ids (`--requirements`). */
  readonly requirements?: readonly string[];
  /** Schema-derived fuzzing: cases per interface and seed. */
  readonly fuzz?: RunContext['fuzz'];
  /** Receives one line per finished test and the run's start and end. */
  readonly progress?: (line: string) => void;
  /** Language of the progress lines and report.html (default en). */
  readonly lang?: Lang;
  /** `basic` (default) or `production` (mutual TLS; see RunContext). */
  readonly profile?: SecurityProfileName;
}

export interface RunResult {
  readonly exitCode: 0 | 1 | 2 | 130 | 143;
  readonly report: RunReport;
  readonly reportDir: string;
}

/** Runs one role's suite against one target and writes `report.json`, `junit.xml` and `report.html`. */
export async function runConformance(options: RunOptions): Promise<RunResult> {
  const progress = options.progress ?? (() => {});
  const lang = options.lang ?? 'en';
  const suiteDir = join(ROOT, 'suites', options.role);
  if (!existsSync(suiteDir)) {
    throw new TekigoUsageError(
      'UNKNOWN_ROLE',
      `no suite for role ${JSON.stringify(options.role)}; use --role with one of: ${availableRoles().join(', ')}`,
    );
  }
  const target = typeof options.target === 'string' ? parseTarget(options.target) : options.target;
  const environment = environmentFor(options.environment ?? 'embedded').name;
  if (target.kind === 'replica') {
    const known = referenceFor(options.role).replicas.map((r) => r.name);
    if (!known.includes(target.name)) {
      throw new TekigoUsageError(
        'UNKNOWN_REPLICA',
        `no replica ${target.name} for ${options.role}; use one of: ${known.join(', ')}`,
      );
    }
  }
  const spec = await loadSpec();
  const reportDir = resolve(
    options.reportDir ?? join('reports', options.role, safeName(formatTarget(target)).slice(0, 100)),
  );
  await assertReportDirUsable(reportDir);
  const startedAt = new Date().toISOString();
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const catalog = spec.catalog.requirements.filter((r) =>
    (r.roles as readonly string[]).includes(options.role),
  );
  const unknown = (options.requirements ?? []).filter((id) => !catalog.some((r) => r.id === id));
  if (unknown.length > 0) {
    throw new TekigoUsageError(
      'UNKNOWN_REQUIREMENT',
      `--requirements names ${unknown.join(', ')}, not a requirement of ${options.role}; see tekigo list --role ${options.role}`,
    );
  }
  const baseReport = () => ({
    reportFormat: 'tekigo-report/1' as const,
    suiteVersion: pkg.version,
    specDigest: spec.digest,
    role: options.role,
    target: formatTarget(target),
    environment,
    startedAt,
    finishedAt: new Date().toISOString(),
    tool: { name: 'tekigo' as const, version: pkg.version, node: process.version },
  });
  // report.json, junit.xml, report.sarif and summary.md, then report.html for people.
  const writeReports = async (report: RunReport) => {
    await writeRunReport(reportDir, report, lang);
    await writeHtmlReport(reportDir, report, spec.catalog, lang);
  };
  progress(messages(lang)['run.start'](options.role, formatTarget(target), spec.digest.slice(0, 19)));
  // The production profile has no upper tester to preflight: its environment checks health over mutual TLS.
  const production = options.profile === 'production';
  try {
    if (!production)
      await preflightTarget({
        role: options.role,
        target,
        spec,
        ...(options.preflightTimeoutMs !== undefined ? { timeoutMs: options.preflightTimeoutMs } : {}),
      });
  } catch (error) {
    if (!(error instanceof PreflightFailure)) throw error;
    // The run stops here, with the offending exchanges kept as evidence.
    const requirements = unjudgedRequirements(catalog, `not judged: the preflight failed (${error.code})`);
    await writeReports({
      ...baseReport(),
      capabilities: null,
      summary: summarize([]),
      verdict: 'error',
      failedRequirements: [],
      requirements,
      coverage: coverageOf(requirements),
      aborted: error.abort,
      tests: [],
    });
    throw error;
  }

  const reporter = new ConformanceReporter(ROOT, progress, lang);
  const buildReport = (interrupted: NodeJS.Signals | null): RunReport => {
    const tests = reporter.tests.toSorted((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const judged = rollUpRequirements(tests, (id) => spec.catalog.byId(id)?.level ?? 'UNKNOWN');
    const aborted: RunAbort | undefined =
      interrupted === null
        ? undefined
        : {
            code: 'INTERRUPTED',
            message: `${interrupted} received: the run was stopped; tests that had not finished are missing`,
            evidence: { ledgers: {} },
          };
    const requirements = aborted
      ? unjudgedRequirements(catalog, 'not judged: the run was interrupted', judged)
      : coverRequirements(judged, catalog, production ? 'production' : 'basic');
    return {
      ...baseReport(),
      capabilities: reporter.capabilities,
      summary: summarize(tests),
      verdict: worstVerdict(tests.map((t) => t.verdict)),
      failedRequirements: requirements.filter((r) => r.verdict === 'fail').map((r) => r.id),
      requirements,
      coverage: coverageOf(requirements),
      ...(aborted ? { aborted } : {}),
      tests,
    };
  };
  options.interruption?.onInterrupt(() => reporter.cancel());
  // When the run cannot wind down in time, the tests finished so far still make a report.
  options.interruption?.beforeForcedExit((signal) => {
    const report = buildReport(signal);
    writeRunReportSync(reportDir, report, lang);
    for (const line of closingLines(report, reportDir, lang)) progress(line);
  });
  // The suites receive the run as data (vitest provide/inject), never through process variables.
  const run: RunContext = {
    target,
    environment,
    ...(options.requirements ? { requirements: options.requirements } : {}),
    ...(options.fuzz ? { fuzz: options.fuzz } : {}),
    ...(production ? { profile: 'production' } : {}),
  };
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
      provide: { tekigo: run },
      // Test names are `<id> <title>`: the pattern selects by either.
      ...(options.grep ? { testNamePattern: options.grep } : {}),
    },
    {},
    {},
  );
  await vitest.close();
  const interrupted = options.interruption?.signal ?? null;
  // A test the selection left out reports `skipped` with no requirements; none selected is a usage error.
  const selected = reporter.tests.filter((t) => t.verdict !== 'skipped' || t.requirements.length > 0);
  if (selected.length === 0 && interrupted === null) {
    throw new TekigoUsageError(
      'NO_TESTS',
      `no test in suites/${options.role} matched${options.grep ? ` --grep ${JSON.stringify(options.grep)}` : ''}${options.requirements ? ` --requirements ${options.requirements.join(',')}` : ''}${reporter.unhandled.length ? ` (${reporter.unhandled[0]})` : ''}; check the pattern`,
    );
  }
  const report = buildReport(interrupted);
  await writeReports(report);
  const exitCode = options.interruption?.exitCode ?? exitCodeOf(report);
  for (const line of closingLines(report, reportDir, lang)) progress(line);
  return { exitCode, report, reportDir };
}

function availableRoles(): string[] {
  return ROLES.filter((r) => existsSync(join(ROOT, 'suites', r)));
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
