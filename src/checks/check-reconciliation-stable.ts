import type { EvidenceRef, Finding } from '../report/report-model.ts';
import type { ReconciliationEntries } from './check-reconciliation-agreement.ts';

/**
 * GEN-REC-008: two reports for the same day and peer, taken before and after a restart with
 * nothing exchanged in between, have the same entries: the same counts and digests.
 */
export function checkReconciliationStable(
  before: ReconciliationEntries,
  after: ReconciliationEntries,
  evidence: readonly EvidenceRef[] = [],
): Finding {
  const key = (e: ReconciliationEntries['entries'][number]) => `${e.interface} (${e.direction})`;
  const changes: string[] = [];
  for (const old of before.entries) {
    const now = after.entries.find((e) => key(e) === key(old));
    if (!now) {
      changes.push(`${key(old)} is gone`);
      continue;
    }
    const counts = (Object.keys(old.counts) as (keyof typeof old.counts)[]).filter(
      (k) => old.counts[k] !== now.counts[k],
    );
    if (counts.length > 0)
      changes.push(
        `${key(old)}: ${counts.map((k) => `${k} ${old.counts[k]} → ${now.counts[k]}`).join(', ')}`,
      );
    else if (old.acceptedDigest !== now.acceptedDigest) changes.push(`${key(old)}: acceptedDigest changed`);
  }
  for (const now of after.entries)
    if (!before.entries.some((e) => key(e) === key(now))) changes.push(`${key(now)} appeared`);
  return changes.length === 0
    ? {
        requirement: 'GEN-REC-008',
        verdict: 'pass',
        message: `the report is the same after the restart (${before.entries.length} entries)`,
        evidence,
      }
    : { requirement: 'GEN-REC-008', verdict: 'fail', message: changes.join('; '), evidence };
}
