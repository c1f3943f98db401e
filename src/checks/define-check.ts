import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { EvidenceRef, Finding } from '../report/report-model.ts';

/**
 * A check as a definition: its name, the requirements it may conclude on, and a pure judge from
 * recorded evidence to findings. The name travels with every finding into `report.json`, so an
 * auditor can recompute the verdict from the report's evidence.
 */
export interface CheckDefinition<Input> {
  readonly name: string;
  readonly requirements: readonly string[];
  judge(input: Input): Finding | readonly Finding[];
  /** The evidence entries the judge reads from its input, cited by findings that name none. */
  reads?(input: Input): readonly EvidenceRef[];
  /**
   * The check judges an upper time bound: the test helper gives its input the harness's measured
   * scheduling delay (`schedulingDelay`, see `scheduling-allowance.ts`) when the test gave none.
   */
  readonly timeBound?: boolean;
}

export function defineCheck<Input>(definition: CheckDefinition<Input>): CheckDefinition<Input> {
  return definition;
}

/** Runs a check: every finding names the check and, when it cites nothing itself, the entries it read. */
export function applyCheck<Input>(check: CheckDefinition<Input>, input: Input): Finding[] {
  const judged = check.judge(input);
  const findings = Array.isArray(judged) ? (judged as readonly Finding[]) : [judged as Finding];
  const read = check.reads?.(input) ?? [];
  return findings.map((f) => ({
    ...f,
    check: f.check ?? check.name,
    evidence: f.evidence.length > 0 ? f.evidence : read,
    // What the check was given, so `tekigo rejudge` can run it again over the recorded evidence.
    input: f.input ?? { kind: 'value', value: input },
  }));
}

/** Contiguous runs of one ledger's entries as range references (`seq` through `through`). */
export function refsOf(ledger: string, entries: readonly Pick<LedgerEntry, 'seq'>[]): EvidenceRef[] {
  const seqs = [...new Set(entries.map((e) => e.seq))].sort((a, b) => a - b);
  const refs: EvidenceRef[] = [];
  for (const seq of seqs) {
    const last = refs.at(-1);
    if (last && (last.through ?? last.seq) === seq - 1) refs[refs.length - 1] = { ...last, through: seq };
    else refs.push({ ledger, seq });
  }
  return refs;
}

/**
 * Wraps a ledger check written as `(ledger, entries, ...rest) => findings` so that each of its
 * findings names the check and cites the entries it read when it cites none itself.
 */
export function ledgerCheck<Rest extends unknown[], Out extends Finding | readonly Finding[]>(
  name: string,
  judge: (ledger: string, entries: readonly LedgerEntry[], ...rest: Rest) => Out,
): (ledger: string, entries: readonly LedgerEntry[], ...rest: Rest) => Out {
  return (ledger, entries, ...rest) => {
    const judged = judge(ledger, entries, ...rest);
    const stamp = (f: Finding): Finding => ({
      ...f,
      check: f.check ?? name,
      evidence: f.evidence.length > 0 ? f.evidence : refsOf(ledger, entries),
      input: f.input ?? { kind: 'ledger', ledger, entries: refsOf(ledger, entries), args: rest },
    });
    return (Array.isArray(judged) ? judged.map(stamp) : stamp(judged as Finding)) as Out;
  };
}

/** Wraps a check over other evidence (a log, a reconciliation report) so its findings name it. */
export function namedCheck<Args extends unknown[], Out extends Finding | readonly Finding[]>(
  name: string,
  judge: (...args: Args) => Out,
): (...args: Args) => Out {
  return (...args) => {
    const judged = judge(...args);
    const stamp = (f: Finding): Finding => ({
      ...f,
      check: f.check ?? name,
      input: f.input ?? { kind: 'args', args },
    });
    return (Array.isArray(judged) ? judged.map(stamp) : stamp(judged as Finding)) as Out;
  };
}

/** Findings that cite nothing themselves cite `refs`: the exchanges their input came from. */
export function cite(judged: Finding | readonly Finding[], refs: readonly EvidenceRef[]): Finding[] {
  const findings = Array.isArray(judged) ? (judged as readonly Finding[]) : [judged as Finding];
  return findings.map((f) => (f.evidence.length > 0 ? f : { ...f, evidence: refs }));
}
