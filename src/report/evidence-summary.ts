import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { EvidenceRef, Finding, TestReport } from './report-model.ts';

/** `suite#6`, or `suite#6-9` for a range. */
export const refLabel = (ref: EvidenceRef): string =>
  `${ref.ledger}#${ref.seq}${ref.through !== undefined && ref.through !== ref.seq ? `-${ref.through}` : ''}`;

/** The entries a reference names in a test's evidence, in ledger order (missing ones are left out). */
export function resolveRef(evidence: TestReport['evidence'], ref: EvidenceRef): LedgerEntry[] {
  const entries = evidence.ledgers[ref.ledger] ?? [];
  const last = ref.through ?? ref.seq;
  return entries.filter((e) => e.seq >= ref.seq && e.seq <= last);
}

/** One line for a ledger entry: what was exchanged, injected or observed. */
export function describeEntry(ledger: string, entry: LedgerEntry): string {
  const at = `${ledger}#${entry.seq}`;
  if (entry.kind === 'exchange') {
    const answer =
      entry.outcome === 'answered'
        ? String(entry.status)
        : `${entry.outcome}${entry.error ? ` (${entry.error})` : ''}`;
    const invalid = [entry.validation.request, entry.validation.response]
      .filter((v) => v !== null && !v.valid)
      .map((v) => `invalid ${v?.messageType}`);
    const faults = entry.faults.length > 0 ? ` faults ${entry.faults.join(', ')}` : '';
    return `${at} ${entry.from} → ${entry.to} ${entry.method} ${entry.path} → ${answer} in ${Math.round(entry.durationMs)} ms${faults}${invalid.length ? ` (${invalid.join(', ')})` : ''}`;
  }
  if (entry.kind === 'fault') return `${at} fault ${entry.ruleId}: ${entry.action}`;
  return `${at} observed ${entry.what} (${entry.source})`;
}

const MAX_ENTRIES_PER_FINDING = 8;

/** A finding and the entries it cites, as lines for a CI body: at most a few entries each. */
export function findingLines(test: Pick<TestReport, 'evidence'>, finding: Finding): string[] {
  const lines = [
    `${finding.verdict.toUpperCase()} ${finding.requirement}${finding.check ? ` [${finding.check}]` : ''}: ${finding.message}`,
  ];
  const entries = finding.evidence.flatMap((ref) => resolveRef(test.evidence, ref).map((e) => ({ ref, e })));
  for (const { ref, e } of entries.slice(0, MAX_ENTRIES_PER_FINDING))
    lines.push(`  ${describeEntry(ref.ledger, e)}`);
  if (entries.length > MAX_ENTRIES_PER_FINDING) {
    lines.push(
      `  … ${entries.length - MAX_ENTRIES_PER_FINDING} more (${finding.evidence.map(refLabel).join(', ')})`,
    );
  } else if (entries.length === 0 && finding.evidence.length > 0) {
    lines.push(`  evidence ${finding.evidence.map(refLabel).join(', ')}`);
  }
  return lines;
}
