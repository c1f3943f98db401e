import { isDeepStrictEqual } from 'node:util';
import type { Ledger } from '../evidence/ledger.ts';
import type { FaultAction, FaultRule, FaultScript } from './fault-script.ts';
import { resolvePointer } from './json-pointer.ts';
import { hashString, seededRandom } from './seeded-random.ts';

/** What the engine needs to know about one exchange to decide its faults. */
export interface ExchangeContext {
  readonly interface: string | null;
  readonly method: string;
  /** The path without query. */
  readonly path: string;
  /** The parsed request body, when there is one. */
  readonly body?: unknown;
  /**
   * `inbound` (the default): a request the mock receives; `outbound`: one it sends. Sending
   * actions (`duplicate-delivery`, `reorder`) select outbound exchanges only, `delay` both, and
   * every other action inbound ones only.
   */
  readonly direction?: 'inbound' | 'outbound';
}

export interface FaultMatch {
  readonly rule: FaultRule;
  readonly action: FaultAction;
  /** This call's ordinal among the calls the rule's selector matched (1-based). */
  readonly call: number;
  /** Indices in `body.records` selected by `when.records`; `null` when the rule has no records condition. */
  readonly recordIndices: readonly number[] | null;
}

export interface FaultEngineOptions {
  /** Where applications are recorded (`recordApplied`), and where the script load is noted. */
  readonly ledger?: Ledger;
  /** Monotonic milliseconds; defaults to `performance.now`. Time windows count from engine creation. */
  readonly clock?: () => number;
  /** Who applies the script, for the ledger (e.g. the mock's role). */
  readonly source?: string;
}

export interface FaultEngine {
  readonly script: FaultScript;
  /**
   * Decides the faults for one exchange and counts it. At most one action that shapes the
   * answer applies (the first matching rule in script order); every matching `delay` and
   * `reject-records` rule applies as well. A rule that matches but is shadowed does not use
   * up its `times`.
   */
  match(context: ExchangeContext): FaultMatch[];
  /** Appends one `fault` entry per applied match, pointing at the exchange it was applied to. */
  recordApplied(
    matches: readonly FaultMatch[],
    exchange: { readonly seq: number | null; readonly interface: string | null },
    detail?: Readonly<Record<string, unknown>>,
  ): void;
}

/** Actions that combine with any other; every other kind decides the answer on its own. */
const COMBINABLE: ReadonlySet<FaultAction['kind']> = new Set([
  'delay',
  'reject-records',
  'duplicate-delivery',
  'reorder',
]);

/** Actions a mock applies to what it sends, not to what it receives. */
export const SENDING_ACTIONS: ReadonlySet<FaultAction['kind']> = new Set(['duplicate-delivery', 'reorder']);

export function createFaultEngine(script: FaultScript, options: FaultEngineOptions = {}): FaultEngine {
  const clock = options.clock ?? (() => performance.now());
  const loadedAt = clock();
  const seed = script.seed ?? 0;
  const state = script.rules.map((rule) => ({
    rule,
    calls: 0,
    applied: 0,
    random: seededRandom((seed ^ hashString(rule.id)) >>> 0),
  }));
  options.ledger?.append({
    kind: 'observation',
    source: options.source ?? 'faults',
    what: 'fault-script-loaded',
    data: script,
  });

  return {
    script,
    match(context) {
      const elapsed = clock() - loadedAt;
      const matches: FaultMatch[] = [];
      let answerTaken = false;
      for (const s of state) {
        const { rule } = s;
        if (!selects(rule, context)) continue;
        const recordIndices = rule.when?.records ? selectRecords(context.body, rule.when.records) : null;
        if (recordIndices !== null && recordIndices.length === 0) continue;
        const call = ++s.calls;
        // Drawn for every matching call, so call n's draw depends only on the seed and n.
        const draw = rule.when?.probability === undefined ? 0 : s.random();
        if (!holds(rule, call, elapsed, draw)) continue;
        if (rule.times !== undefined && s.applied >= rule.times) continue;
        const combinable = COMBINABLE.has(rule.action.kind);
        if (!combinable && answerTaken) continue;
        answerTaken ||= !combinable;
        s.applied++;
        matches.push({ rule, action: rule.action, call, recordIndices });
      }
      return matches;
    },
    recordApplied(matches, exchange, detail = {}) {
      for (const m of matches) {
        options.ledger?.append({
          kind: 'fault',
          ruleId: m.rule.id,
          interface: exchange.interface,
          action: m.action.kind,
          exchangeSeq: exchange.seq,
          detail: { call: m.call, ...(m.recordIndices ? { recordIndices: m.recordIndices } : {}), ...detail },
        });
      }
    },
  };
}

function selects(rule: FaultRule, context: ExchangeContext): boolean {
  const outbound = context.direction === 'outbound';
  if (rule.action.kind !== 'delay' && SENDING_ACTIONS.has(rule.action.kind) !== outbound) return false;
  if (rule.interface !== undefined && rule.interface !== context.interface) return false;
  if (rule.method !== undefined && rule.method !== context.method.toUpperCase()) return false;
  if (rule.path === undefined) return true;
  return rule.path.endsWith('*')
    ? context.path.startsWith(rule.path.slice(0, -1))
    : context.path === rule.path;
}

function holds(rule: FaultRule, call: number, elapsed: number, draw: number): boolean {
  const when = rule.when;
  if (!when) return true;
  if (when.calls?.from !== undefined && call < when.calls.from) return false;
  if (when.calls?.to !== undefined && call > when.calls.to) return false;
  if (when.every !== undefined && call % when.every !== 0) return false;
  if (when.afterMs !== undefined && elapsed < when.afterMs) return false;
  if (when.beforeMs !== undefined && elapsed >= when.beforeMs) return false;
  if (when.probability !== undefined && draw >= when.probability) return false;
  return true;
}

function selectRecords(
  body: unknown,
  condition: NonNullable<NonNullable<FaultRule['when']>['records']>,
): number[] {
  const records = (body as { records?: unknown } | null | undefined)?.records;
  if (!Array.isArray(records)) return [];
  const selected: number[] = [];
  records.forEach((record, i) => {
    const value = resolvePointer(record, condition.pointer);
    if (value !== undefined && condition.in.some((candidate) => isDeepStrictEqual(candidate, value)))
      selected.push(i);
  });
  return selected;
}
