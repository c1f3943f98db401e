import { afterAll, beforeAll, beforeEach, test } from 'vitest';
import { applyCheck, type CheckDefinition } from '../checks/define-check.ts';
import type { MeasuredDelay } from '../checks/scheduling-allowance.ts';
import { TekigoError, TekigoHarnessError } from '../errors.ts';
import { SCHEDULING_DELAY, SchedulingMonitor } from '../evidence/scheduling-monitor.ts';
import type { EvidenceRef, Finding, TestEvidence, Verdict } from '../report/report-model.ts';
import {
  type ConformanceEnvironmentOptions,
  type StartedConformanceEnvironment,
  startConformanceEnvironment,
} from './conformance-environment.ts';
import { pollUntil } from './early-conclusion.ts';
import { type TargetControl, UNCONTROLLABLE_TARGET } from './environment.ts';
import { startProductionEnvironment } from './profiles/security/production-environment.ts';
import { type RunContext, runContext } from './run-context.ts';
import { type ConformanceTestMeta, META_KEY } from './test-meta.ts';
import { selectedBy } from './test-selection.ts';

export interface ConformanceTestDefinition {
  /** Stable id, never reused: auditors compare reports across versions by it. */
  readonly id: string;
  readonly title: string;
  /** Every requirement the test's checks may conclude on. */
  readonly requirements: readonly string[];
  readonly timeoutMs?: number;
  /**
   * `production`: the test runs only with `--profile production` (mutual TLS, no upper tester)
   * and is not applicable otherwise; every other test runs only in the basic profile.
   */
  readonly profile?: 'production';
}

/** Why a test does not run in this run's profile; undefined when it does. */
export function profileMismatch(
  definition: Pick<ConformanceTestDefinition, 'profile'>,
  run: Pick<RunContext, 'profile'>,
): string | undefined {
  const wanted = definition.profile ?? 'basic';
  const running = run.profile ?? 'basic';
  if (wanted === running) return undefined;
  return wanted === 'production'
    ? 'a production-profile test (mutual TLS, no upper tester): run with --profile production to judge it'
    : 'a test-profile test: the production profile serves no upper tester and runs only the security tests; run with --profile basic';
}

export interface ConformanceTest {
  readonly env: StartedConformanceEnvironment;
  /**
   * Records an inline conclusion, for a judgement that needs more than recorded evidence; its
   * finding is named `<test id>:inline`. Record the evidence first (`observe`) and cite it.
   */
  check(requirement: string, passed: boolean, message: string, evidence?: readonly EvidenceRef[]): void;
  /** Records findings computed by a pure check from `src/checks`. */
  record(...findings: readonly Finding[]): void;
  /** Runs a check definition over evidence and records its findings, each naming the check. */
  apply<Input>(check: CheckDefinition<Input>, input: Input): void;
  /** Records an observation (data the suite saw) in the suite's ledger; returns its reference. */
  observe(what: string, data: unknown): EvidenceRef;
  /**
   * Records the harness's own event-loop delay since the test started (a `scheduling-delay`
   * observation) and returns it, for an upper time bound to allow for a loaded machine.
   * `apply` does this itself for a check declared `timeBound`.
   */
  schedulingDelay(): MeasuredDelay;
  /** The suite's latest exchanges on `iface` in this test (the last `count`, default 1), to cite. */
  latest(iface: string, count?: number): EvidenceRef[];
  /**
   * Crash, restart, pause and log access for the target; ends the test as not applicable (naming
   * the flag that would make it testable) when tekigo did not start the target.
   */
  control(): TargetControl;
  /** Ends the test as not applicable to this target (by its declared capabilities). */
  notApplicable(reason: string): never;
  /**
   * Polls `probe` until it returns a value other than undefined, or gives up after `timeoutMs`;
   * ends at once (undefined) when `concludeIf` says the verdict is already certain (see
   * `failsAlready` in early-conclusion.ts).
   */
  waitFor<T>(
    what: string,
    probe: () => Promise<T | undefined>,
    options: {
      timeoutMs: number;
      intervalMs?: number;
      concludeIf?: () => boolean | Promise<boolean>;
    },
  ): Promise<T | undefined>;
}

class NotApplicable extends Error {}

/**
 * One environment per role, target and environment for the whole run: suite files of a role
 * share it (the suites project runs its files in one worker without isolation). It is stopped
 * when the run ends; launched parties never outlive the worker (see launch-party).
 */
const shared = new Map<string, Promise<StartedConformanceEnvironment>>();
const sharedKey = (options: ConformanceEnvironmentOptions): string =>
  JSON.stringify([options.role, [...options.peers].sort(), options.run]);

function sharedEnvironment(options: ConformanceEnvironmentOptions): Promise<StartedConformanceEnvironment> {
  const key = sharedKey(options);
  let env = shared.get(key);
  if (!env) {
    env =
      options.run?.profile === 'production'
        ? startProductionEnvironment(options)
        : startConformanceEnvironment(options);
    shared.set(key, env);
    // A start that failed is not kept: the next file tries again rather than inheriting it.
    env.catch(() => shared.delete(key));
  }
  return env;
}

/**
 * Declares a conformance suite for one role under test: the environment (target + mocks) is
 * started once per run and shared by the role's files, every test starts from a reset target
 * and reset mocks, and every test leaves its verdict, findings and evidence on its vitest task
 * for the reporter. The test's vitest name is `<id> <title>`, so `--grep` matches either.
 */
export function conformanceSuite(environmentOptions: Omit<ConformanceEnvironmentOptions, 'run'>) {
  const options: ConformanceEnvironmentOptions = {
    role: environmentOptions.role,
    peers: environmentOptions.peers,
    run: runContext(),
  };
  let env: StartedConformanceEnvironment | undefined;
  let startError: unknown;
  const scheduling = new SchedulingMonitor();

  beforeAll(async () => {
    try {
      env = await sharedEnvironment(options);
    } catch (error) {
      // Kept rather than thrown so every test reports the environment problem as its `error` verdict.
      startError = error;
    }
  }, 120_000);
  afterAll(async () => {
    // Leave nothing held between files: a paused target is resumed for the next file.
    if (env?.control) env.control.resume();
  }, 30_000);
  beforeEach(async () => {
    await env?.reset();
  }, 30_000);

  return {
    test(definition: ConformanceTestDefinition, body: (t: ConformanceTest) => Promise<void>): void {
      if (!selectedBy(options.run?.requirements, definition)) {
        // Left out by `--requirements`: reported like a test `--grep` leaves out.
        test(`${definition.id} ${definition.title}`, (context) => {
          context.skip('left out by --requirements: it declares none of the requirements asked for');
        });
        return;
      }
      test(`${definition.id} ${definition.title}`, {
        timeout: definition.timeoutMs ?? 45_000,
      }, async (context) => {
        const findings: Finding[] = [];
        let verdict: Verdict = 'pass';
        let message = '';
        let evidence: TestEvidence = { ledgers: {} };
        const marks = await env?.mark();
        const ledger = env?.ledger;
        scheduling.start(ledger ? () => ledger.now() : undefined);
        const measured = (): MeasuredDelay => {
          const figures = scheduling.read();
          if (!ledger)
            throw new TekigoHarnessError('ENVIRONMENT_MISSING', 'the conformance environment did not start');
          const entry = ledger.append({
            kind: 'observation',
            source: 'suite',
            what: SCHEDULING_DELAY,
            data: figures,
          });
          return { delayMs: figures.delayMs, evidence: { ledger: 'suite', seq: entry.seq } };
        };
        try {
          const mismatch = profileMismatch(definition, options.run ?? {});
          if (mismatch !== undefined) throw new NotApplicable(mismatch);
          if (!env)
            throw (
              startError ??
              new TekigoHarnessError('ENVIRONMENT_MISSING', 'the conformance environment did not start')
            );
          const started = env;
          const t: ConformanceTest = {
            env: started,
            check(requirement, passed, text, refs = []) {
              assertDeclared(definition, requirement);
              findings.push({
                requirement,
                check: `${definition.id}:inline`,
                verdict: passed ? 'pass' : 'fail',
                message: text,
                evidence: refs,
              });
            },
            record(...recorded) {
              for (const f of recorded) assertDeclared(definition, f.requirement);
              findings.push(...recorded.map((f) => ({ ...f, check: f.check ?? `${definition.id}:inline` })));
            },
            apply(check, input) {
              for (const requirement of check.requirements) assertDeclared(definition, requirement);
              const given = input as { schedulingDelay?: MeasuredDelay };
              const judged = applyCheck(
                check,
                check.timeBound && given.schedulingDelay === undefined
                  ? ({ ...input, schedulingDelay: measured() } as typeof input)
                  : input,
              );
              for (const f of judged) assertDeclared(definition, f.requirement);
              findings.push(...judged);
            },
            observe(what, data) {
              const entry = started.ledger.append({ kind: 'observation', source: 'suite', what, data });
              return { ledger: 'suite', seq: entry.seq };
            },
            schedulingDelay: measured,
            latest(iface, count = 1) {
              const since = marks?.suite ?? 0;
              return started.ledger
                .since(since)
                .filter((e) => e.kind === 'exchange' && e.interface === iface)
                .slice(-count)
                .map((e) => ({ ledger: 'suite', seq: e.seq }));
            },
            control() {
              if (!started.control) throw new NotApplicable(UNCONTROLLABLE_TARGET);
              return started.control;
            },
            notApplicable(reason) {
              throw new NotApplicable(reason);
            },
            waitFor: (_what, probe, waitOptions) => pollUntil(probe, waitOptions),
          };
          await body(t);
          const failed = findings.filter((f) => f.verdict === 'fail');
          if (findings.length === 0) {
            verdict = 'error';
            message = 'the test recorded no finding: a test that checks nothing cannot pass';
          } else if (failed.length > 0) {
            verdict = 'fail';
            message = failed.map((f) => `${f.requirement}: ${f.message}`).join('; ');
          } else if (findings.some((f) => f.verdict === 'inconclusive')) {
            verdict = 'inconclusive';
            message = findings
              .filter((f) => f.verdict === 'inconclusive')
              .map((f) => f.message)
              .join('; ');
          }
        } catch (error) {
          if (error instanceof NotApplicable) {
            verdict = 'not-applicable';
            message = error.message;
          } else {
            verdict = 'error';
            message = describeError(error);
          }
        } finally {
          // Every test's evidence shows how late the harness ran over its whole window.
          if (ledger) measured();
          scheduling.stop();
          if (env && marks) evidence = await env.evidenceSince(marks).catch(() => ({ ledgers: {} }));
          const meta: ConformanceTestMeta = {
            id: definition.id,
            title: definition.title,
            requirements: definition.requirements,
            verdict,
            message,
            findings,
            evidence,
            ...(env ? { capabilities: env.capabilities } : {}),
          };
          (context.task.meta as Record<string, unknown>)[META_KEY] = meta;
        }
        if (verdict === 'not-applicable') context.skip(message);
        if (verdict === 'fail' || verdict === 'error') {
          throw new Error(`${verdict}: ${message}`);
        }
      });
    },
  };
}

function assertDeclared(definition: ConformanceTestDefinition, requirement: string): void {
  if (!definition.requirements.includes(requirement)) {
    throw new TekigoHarnessError(
      'UNDECLARED_REQUIREMENT',
      `test ${definition.id} checks ${requirement} but does not declare it; add it to the test's requirements`,
    );
  }
}

function describeError(error: unknown): string {
  if (error instanceof TekigoError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.stack?.split('\n').slice(0, 3).join(' | ') ?? error.message;
  return String(error);
}

/** What `conformanceSuite()` returns: profiles and role suites register their tests on it. */
export type ConformanceSuite = ReturnType<typeof conformanceSuite>;
