import type { LedgerEntry } from '../evidence/ledger-entry.ts';

/**
 * Verdicts, ordered from worst to best for roll-up: one `error` (the harness or a mock broke,
 * never the target's fault) outranks a `fail`, which outranks a `waived` failure (one a
 * `--waivers` entry covers), then `inconclusive`, then `pass`. `skipped` and `not-applicable`
 * never hide a worse verdict.
 */
export const VERDICTS = [
  'error',
  'fail',
  'waived',
  'inconclusive',
  'pass',
  'not-applicable',
  'skipped',
] as const;
export type Verdict = (typeof VERDICTS)[number];

export function worstVerdict(verdicts: Iterable<Verdict>): Verdict {
  let worst: Verdict = 'skipped';
  for (const v of verdicts) if (VERDICTS.indexOf(v) < VERDICTS.indexOf(worst)) worst = v;
  return worst;
}

/** One check's conclusion about one requirement, with the ledger entries it rests on. */
export interface Finding {
  readonly requirement: string;
  /** The check that produced this finding (a `src/checks` definition, or `<test id>:inline`). */
  readonly check?: string;
  readonly verdict: 'pass' | 'fail' | 'inconclusive';
  readonly message: string;
  /** Sequence numbers, in the test's evidence, of the entries this finding rests on. */
  readonly evidence: readonly EvidenceRef[];
  /** What the check was given, so `tekigo rejudge` can run it again over the recorded evidence. */
  readonly input?: CheckInput;
}

/**
 * A check's input as recorded: `value`, the input of a check definition; `args`, the arguments
 * of a named check; `ledger`, a ledger check's entries by reference into the test's evidence
 * plus its further arguments.
 */
export type CheckInput =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'args'; readonly args: readonly unknown[] }
  | {
      readonly kind: 'ledger';
      readonly ledger: string;
      readonly entries: readonly EvidenceRef[];
      readonly args: readonly unknown[];
    };

export interface EvidenceRef {
  readonly ledger: string;
  readonly seq: number;
  /** When set, every entry of the ledger from `seq` through this sequence number. */
  readonly through?: number;
}

export interface TestEvidence {
  /** Ledger name (`suite`, or the peer a mock plays) to the entries recorded while the test ran. */
  readonly ledgers: Readonly<Record<string, readonly LedgerEntry[]>>;
}

export interface TestReport {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly requirements: readonly string[];
  readonly verdict: Verdict;
  readonly failedRequirements: readonly string[];
  readonly durationMs: number;
  readonly message: string;
  /** Names of the checks whose findings produced the verdict; derived from `findings` when absent. */
  readonly checks?: readonly string[];
  readonly findings: readonly Finding[];
  readonly evidence: TestEvidence;
  /** The waiver that turned this test's failure into `waived`. */
  readonly waiver?: Waiver;
}

/** One known deviation of a `--waivers` file: a test or a requirement, why, where, until when. */
export interface Waiver {
  readonly test?: string;
  readonly requirement?: string;
  readonly reason: string;
  readonly link: string;
  /** `YYYY-MM-DD`: the last day the waiver holds. */
  readonly expires: string;
}

/** How a `--waivers` file applied to a run. */
export interface WaiverOutcome {
  readonly file: string;
  readonly applied: readonly Waiver[];
  /** Waivers that cover nothing failing any more: remove them. */
  readonly stale: readonly Waiver[];
  /** Waivers past their date: they fail the run. */
  readonly expired: readonly Waiver[];
}

/**
 * `untested`: the role's catalog holds the requirement but no test of this suite declares it
 * yet. Reports account for every requirement of the role, judged or not.
 */
export type RequirementOutcome = Verdict | 'untested';

export interface RequirementVerdict {
  readonly id: string;
  readonly level: 'MUST' | 'SHOULD' | 'MAY' | 'UNKNOWN';
  readonly verdict: RequirementOutcome;
  readonly tests: readonly string[];
  /** Why it is `not-applicable`, `untested`, `skipped`, `inconclusive` or `error`. */
  readonly reason?: string;
  readonly waiver?: Waiver;
}

/** How the role's catalog requirements came out: every one is counted exactly once. */
export interface RequirementCoverage {
  /** Requirements of the role in the catalog. */
  readonly total: number;
  /** pass + fail + inconclusive. */
  readonly judged: number;
  readonly pass: number;
  readonly fail: number;
  readonly inconclusive: number;
  /** A test on it broke (harness or environment): not judged. */
  readonly error: number;
  readonly notApplicable: number;
  /** Its tests were not selected (`--grep`) or the run was interrupted. */
  readonly skipped: number;
  readonly untested: number;
  readonly waived?: number;
}

/** Why a run stopped before its tests: the one line printed, with the exchanges it rests on. */
export interface RunAbort {
  readonly code: string;
  readonly message: string;
  readonly evidence: TestEvidence;
}

/** `$id` of specs/report/report.schema.json: every report.json names it in `$schema`. */
export const REPORT_SCHEMA_ID = 'https://tekigo.example/schemas/report/1/report.schema.json';

export interface FaultSeed {
  readonly test: string;
  readonly ledger?: string;
  readonly rule?: string;
  readonly seed: number;
}

export interface RunReport {
  /** Always {@link REPORT_SCHEMA_ID} in a written report (added on writing when absent). */
  readonly $schema?: typeof REPORT_SCHEMA_ID;
  readonly reportFormat: 'tekigo-report/1';
  readonly suiteVersion: string;
  readonly specDigest: string;
  readonly role: string;
  readonly target: string;
  readonly environment: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly tool: { readonly name: 'tekigo'; readonly version: string; readonly node: string };
  readonly capabilities: unknown;
  /** Seeds of the fault generators the tests used, when they recorded one. */
  readonly faultSeeds?: readonly FaultSeed[];
  /** Run with `--certification`. */
  readonly certification?: boolean;
  readonly waivers?: WaiverOutcome;
  readonly summary: {
    readonly passed: number;
    readonly failed: number;
    readonly errors: number;
    readonly skipped: number;
    readonly inconclusive: number;
    readonly notApplicable: number;
    readonly waived?: number;
  };
  /** The run's roll-up: `fail` when any MUST requirement fails, `error` when the harness broke. */
  readonly verdict: Verdict;
  readonly failedRequirements: readonly string[];
  readonly requirements: readonly RequirementVerdict[];
  /** Counts over `requirements`, which hold every requirement of the role in the catalog. */
  readonly coverage?: RequirementCoverage;
  /** Present when the run stopped early: a failed preflight, or a signal. */
  readonly aborted?: RunAbort;
  readonly tests: readonly TestReport[];
}
