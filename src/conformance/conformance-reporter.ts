import { relative } from 'node:path';
import type { Reporter, SerializedError, TestCase, TestModule, Vitest } from 'vitest/node';
import { padDisplay } from '../i18n/display-width.ts';
import type { Lang } from '../i18n/lang.ts';
import { type Messages, messages, verdictWord } from '../i18n/messages.ts';
import type { RunReport, TestReport } from '../report/report-model.ts';
import { coverageOf, failedRequirementsOf } from './build-report.ts';
import { readConformanceMeta } from './test-meta.ts';

const SYMBOL: Record<TestReport['verdict'], string> = {
  pass: '✓',
  fail: '✗',
  waived: '~',
  error: '!',
  inconclusive: '?',
  skipped: '-',
  'not-applicable': '-',
};

/**
 * Collects each test's verdict, findings and evidence from its task meta, and prints one
 * progress line per finished test. A test that left no meta (it crashed before the
 * conformance helper ran) is an `error`, never a silent pass.
 */
export class ConformanceReporter implements Reporter {
  readonly tests: TestReport[] = [];
  readonly unhandled: string[] = [];
  /** What the target declared in preflight, as the first test that ran saw it. */
  capabilities: unknown = null;
  readonly #root: string;
  readonly #progress: (line: string) => void;
  readonly #t: Messages;
  #vitest: Vitest | undefined;
  #cancelled = false;
  /** Not-applicable reasons already printed: each is given once. */
  readonly #reasonsGiven = new Set<string>();
  /** Signal listeners that were there before vitest started: the run's own (src/cli/run-interruption.ts). */
  readonly #signalListeners = {
    SIGINT: new Set(process.listeners('SIGINT')),
    SIGTERM: new Set(process.listeners('SIGTERM')),
  };

  constructor(root: string, progress: (line: string) => void, lang: Lang = 'en') {
    this.#root = root;
    this.#progress = progress;
    this.#t = messages(lang);
  }

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
    // vitest's own SIGINT/SIGTERM handlers exit within a millisecond, before the run can stop its
    // parties and write a partial report; the run's handlers take over (see run-interruption.ts).
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      if (this.#signalListeners[signal].size === 0) continue;
      for (const listener of process.listeners(signal)) {
        if (!this.#signalListeners[signal].has(listener)) process.off(signal, listener);
      }
    }
    if (this.#cancelled) void vitest.cancelCurrentRun('keyboard-input');
  }

  /** Stops the run: no further test starts; running ones end and their suites tear down. */
  cancel(): void {
    this.#cancelled = true;
    void this.#vitest?.cancelCurrentRun('keyboard-input');
  }

  onTestCaseResult(testCase: TestCase): void {
    const meta = readConformanceMeta(testCase.meta());
    if (this.capabilities === null && meta?.capabilities !== undefined) this.capabilities = meta.capabilities;
    const result = testCase.result();
    const durationMs = Math.round(testCase.diagnostic()?.duration ?? 0);
    const file = relative(this.#root, testCase.module.moduleId);
    const report: TestReport = meta
      ? {
          id: meta.id,
          title: meta.title,
          file,
          requirements: meta.requirements,
          verdict: meta.verdict,
          failedRequirements: failedRequirementsOf(meta.findings),
          durationMs,
          message: meta.message,
          findings: meta.findings,
          evidence: meta.evidence,
        }
      : {
          // Not run (left out by --grep, or broken before the helper): the name is `<id> <title>`.
          ...idAndTitle(testCase.name),
          file,
          requirements: [],
          verdict: result.state === 'skipped' ? 'skipped' : 'error',
          failedRequirements: [],
          durationMs,
          message:
            result.state === 'failed'
              ? (result.errors[0]?.message ?? 'the test failed without a conformance verdict')
              : result.state === 'skipped'
                ? (result.note ?? 'skipped')
                : 'the test ended without a conformance verdict',
          findings: [],
          evidence: { ledgers: {} },
        };
    this.tests.push(report);
    // A test --grep left out keeps its id in the report but takes no line on the console.
    if (!meta && result.state === 'skipped') return;
    const failed = report.failedRequirements.length > 0 ? `  [${report.failedRequirements.join(', ')}]` : '';
    const verdict = verdictWord(this.#t, report.verdict);
    this.#progress(
      `  ${SYMBOL[report.verdict]} ${padDisplay(verdict, 14)} ${report.id}  ${report.title} (${durationMs} ms)${failed}`,
    );
    // The cause belongs on the console, not only in report.json; a reason for not-applicable is
    // given once (e.g. the production profile's one reason for every test-profile test).
    const cause = oneLine(report.message, this.#t);
    if (report.verdict === 'not-applicable' && this.#reasonsGiven.has(cause)) return;
    if (
      report.verdict === 'error' ||
      report.verdict === 'inconclusive' ||
      report.verdict === 'not-applicable'
    ) {
      if (report.verdict === 'not-applicable') this.#reasonsGiven.add(cause);
      this.#progress(`      ${report.id} ${verdict}: ${cause}`);
    }
  }

  onTestModuleEnd(testModule: TestModule): void {
    for (const error of testModule.errors()) this.unhandled.push(error.message);
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    for (const error of unhandledErrors) this.unhandled.push(error.message);
  }
}

/** Splits a conformance test's vitest name, `<id> <title>`, back into its id and title. */
function idAndTitle(name: string): { id: string; title: string } {
  const match = /^([A-Z][A-Z0-9]*-[A-Z0-9-]+) (.+)$/.exec(name);
  return match?.[1] && match[2] ? { id: match[1], title: match[2] } : { id: name, title: name };
}

const MAX_CAUSE_CHARS = 400;

/** `32 tests`, or with a --grep selection `1 test (31 left out by --grep)`: left-out tests declare nothing. */
function testCount(tests: RunReport['tests'], t: Messages): string {
  const leftOut = tests.filter((test) => test.verdict === 'skipped' && test.requirements.length === 0).length;
  return t['run.testCount'](tests.length - leftOut, leftOut);
}

const oneLine = (text: string, t: Messages): string => {
  const flat = text.replace(/\s*\n\s*/g, ' | ').trim();
  return flat.length > MAX_CAUSE_CHARS ? `${flat.slice(0, MAX_CAUSE_CHARS)}…` : flat || t['run.noCause'];
};

/**
 * The run's closing lines: where the report is, what failed, every MUST that could not be
 * judged, and last the accounting of every requirement of the role, e.g.
 * `tekigo: 32 tests; 94 of 109 requirements judged (90 pass, 0 fail, 1 inconclusive), 13 not-applicable, 2 untested`.
 */
export function closingLines(
  report: Pick<RunReport, 'tests' | 'requirements' | 'failedRequirements'>,
  reportDir: string,
  lang: Lang = 'en',
): string[] {
  const t = messages(lang);
  const c = coverageOf(report.requirements);
  const lines = [t['run.reportIn'](reportDir)];
  if (report.failedRequirements.length > 0)
    lines.push(t['run.failedRequirements'](report.failedRequirements.join(', ')));
  for (const r of report.requirements) {
    if (r.level === 'MUST' && (r.verdict === 'inconclusive' || r.verdict === 'error')) {
      lines.push(t['run.mustNotPassed'](r.id, verdictWord(t, r.verdict), oneLine(r.reason ?? '', t)));
    }
  }
  lines.push(t['run.accounting'](testCount(report.tests, t), c));
  return lines;
}
