import { relative } from 'node:path';
import type { Reporter, SerializedError, TestCase, TestModule } from 'vitest/node';
import type { TestReport } from '../report/report-model.ts';
import { failedRequirementsOf } from './build-report.ts';
import { readConformanceMeta } from './test-meta.ts';

const SYMBOL: Record<TestReport['verdict'], string> = {
  pass: '✓',
  fail: '✗',
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

  constructor(root: string, progress: (line: string) => void) {
    this.#root = root;
    this.#progress = progress;
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
    this.#progress(
      `  ${SYMBOL[report.verdict]} ${report.verdict.padEnd(14)} ${report.id}  ${report.title} (${durationMs} ms)${failed}`,
    );
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
