import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { TekigoUsageError } from '../errors.ts';
import type { Problem } from '../spec/problem-types.ts';
import schema from './fault-script.schema.json' with { type: 'json' };

/**
 * A fault script is data: what the mocks do wrong and when. The same script, the same seed
 * and the same sequence of calls give the same faults, so a failing run can be replayed.
 * `fault-script.schema.json` is its JSON Schema; `loadFaultScript` checks both.
 */
export interface FaultScript {
  /** Seeds the generator behind `when.probability`; 0 when absent. */
  readonly seed?: number;
  readonly rules: readonly FaultRule[];
}

export interface FaultRule {
  readonly id: string;
  readonly interface?: string;
  /** Upper-case HTTP method. */
  readonly method?: string;
  /** A path (no query) matched exactly, or a prefix ending in `*`. */
  readonly path?: string;
  readonly when?: FaultCondition;
  /** How many times the rule may apply at most; unlimited when absent. */
  readonly times?: number;
  readonly action: FaultAction;
}

/** Every condition given must hold. Calls are counted per rule, over the calls its selector matches. */
export interface FaultCondition {
  /** The n-th matching call, 1-based, inclusive bounds. */
  readonly calls?: { readonly from?: number; readonly to?: number };
  /** Every n-th matching call: n, 2n, 3n, … */
  readonly every?: number;
  /** Window in milliseconds since the script was loaded: `afterMs <= t < beforeMs`. */
  readonly afterMs?: number;
  readonly beforeMs?: number;
  /**
   * Only calls whose `body.records` hold an element whose value at `pointer` (JSON Pointer) is
   * one of `in`; for `reject-records` these elements are the ones rejected.
   */
  readonly records?: { readonly pointer: string; readonly in: readonly unknown[] };
  /** Applies with this probability, drawn from the seeded generator for every matching call. */
  readonly probability?: number;
}

/** A problem body as a fault script gives it (the protocol's `Problem`). */
export type ProblemDetails = Problem;

export type FaultAction =
  /**
   * Waits, then answers normally (or as the exchange's other rules say). A request whose client
   * leaves during the wait is never processed; `commit-then-hang` models the processed-but-unanswered case.
   */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Never answers; the connection stays open until the client leaves or the mock stops. */
  | { readonly kind: 'hang' }
  /** Answers this status with a problem body instead of calling the handler. */
  | {
      readonly kind: 'status';
      readonly status: number;
      /** Seconds, or an HTTP date. */
      readonly retryAfter?: number | string;
      /** Fields merged over the default problem for the status. */
      readonly problem?: Readonly<Record<string, unknown>>;
    }
  /** Answers normally, except that the records `when.records` selects are rejected with this problem. */
  | { readonly kind: 'reject-records'; readonly problem: ProblemDetails }
  /** Drops the connection (TCP reset) without an answer. */
  | { readonly kind: 'reset' }
  /** Sends the real status, headers and the first `bytes` of the real body, then drops the connection. */
  | { readonly kind: 'truncate'; readonly bytes: number }
  /** 200 with no body. */
  | { readonly kind: 'empty-body' }
  /** 200 claiming JSON, with bytes that are not JSON. */
  | { readonly kind: 'garbage-body' }
  /** Processes and stores the request as normal, then never answers. */
  | { readonly kind: 'commit-then-hang' }
  /** For mocks that send: delivers the same message twice (same body, same correlation id). */
  | { readonly kind: 'duplicate-delivery' }
  /**
   * For mocks that send: holds `window` sends and delivers them in reverse order (a window never
   * filled is delivered when the mock is flushed or its faults cleared).
   */
  | { readonly kind: 'reorder'; readonly window: number };

export type FaultActionKind = FaultAction['kind'];

const ajv = new Ajv2020({ strict: true, allErrors: true, strictTypes: false });
const validateScript = ajv.compile<FaultScript>(schema);

/**
 * Checks a fault script (parsed JSON) and returns it typed. Any problem is a TekigoUsageError
 * `INVALID_FAULT_SCRIPT` whose `details.errors` list `{ instancePath, message }`.
 */
export function loadFaultScript(value: unknown): FaultScript {
  if (!validateScript(value)) {
    // An `if` error only repeats the failure of its `then` branch, which is reported on its own.
    throw invalid((validateScript.errors ?? []).filter((e) => e.keyword !== 'if').map(fromAjv));
  }
  const errors: ScriptError[] = [];
  const seen = new Set<string>();
  value.rules.forEach((rule, i) => {
    if (seen.has(rule.id))
      errors.push({ instancePath: `/rules/${i}/id`, message: `duplicate rule id ${rule.id}` });
    seen.add(rule.id);
    const { calls, afterMs, beforeMs } = rule.when ?? {};
    if (calls?.from !== undefined && calls.to !== undefined && calls.from > calls.to) {
      errors.push({ instancePath: `/rules/${i}/when/calls`, message: 'from must not be greater than to' });
    }
    if (afterMs !== undefined && beforeMs !== undefined && afterMs >= beforeMs) {
      errors.push({ instancePath: `/rules/${i}/when`, message: 'afterMs must be less than beforeMs' });
    }
    if (rule.action.kind === 'reject-records' && !rule.when?.records) {
      errors.push({
        instancePath: `/rules/${i}/when`,
        message: 'reject-records needs when.records to say which records to reject',
      });
    }
  });
  if (errors.length > 0) throw invalid(errors);
  return value;
}

export interface ScriptError {
  readonly instancePath: string;
  readonly message: string;
}

function fromAjv(e: ErrorObject): ScriptError {
  const { instancePath, keyword, params } = e;
  if (keyword === 'additionalProperties')
    return { instancePath, message: `must not have property ${String(params.additionalProperty)}` };
  if (keyword === 'enum')
    return { instancePath, message: `must be one of ${(params.allowedValues as unknown[]).join(', ')}` };
  return { instancePath, message: e.message ?? keyword };
}

function invalid(errors: ScriptError[]): TekigoUsageError {
  const shown = errors
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message}`)
    .join('; ');
  return new TekigoUsageError(
    'INVALID_FAULT_SCRIPT',
    `invalid fault script: ${shown}; fix the script to match src/faults/fault-script.schema.json`,
    { errors },
  );
}
