import type { ReconciliationEntry } from '../reconciliation/reconciliation-entry.ts';
import type { EvidenceRef, Finding } from '../report/report-model.ts';
import type { ReconciliationEntries } from './check-reconciliation-agreement.ts';

/**
 * GEN-REC-004 and GEN-REC-005, one finding each: every outbound entry has total = accepted +
 * pending + deadLettered; every inbound entry has total = accepted + rejected with nothing
 * pending or dead-lettered. A direction the report has no entry for is inconclusive.
 */
export function checkReconciliationBalance(
  report: ReconciliationEntries,
  evidence: readonly EvidenceRef[] = [],
): Finding[] {
  const outbound = report.entries.filter((e) => e.direction === 'outbound');
  const inbound = report.entries.filter((e) => e.direction === 'inbound');
  return [
    judge('GEN-REC-004', 'outbound', outbound, outboundImbalance, evidence),
    judge('GEN-REC-005', 'inbound', inbound, inboundImbalance, evidence),
  ];
}

function outboundImbalance({ counts: c }: ReconciliationEntry): string | undefined {
  const sum = c.accepted + c.pending + c.deadLettered;
  return sum === c.total
    ? undefined
    : `total ${c.total} but accepted ${c.accepted} + pending ${c.pending} + deadLettered ${c.deadLettered} = ${sum}`;
}

function inboundImbalance({ counts: c }: ReconciliationEntry): string | undefined {
  if (c.pending !== 0 || c.deadLettered !== 0)
    return `a receiver reports pending ${c.pending} and deadLettered ${c.deadLettered}, not 0`;
  const sum = c.accepted + c.rejected;
  return sum === c.total
    ? undefined
    : `total ${c.total} but accepted ${c.accepted} + rejected ${c.rejected} = ${sum}`;
}

function judge(
  requirement: string,
  direction: string,
  entries: readonly ReconciliationEntry[],
  imbalance: (entry: ReconciliationEntry) => string | undefined,
  evidence: readonly EvidenceRef[],
): Finding {
  if (entries.length === 0)
    return {
      requirement,
      verdict: 'inconclusive',
      message: `the report has no ${direction} entry`,
      evidence,
    };
  const wrong = entries.flatMap((e) => {
    const why = imbalance(e);
    return why ? [`${e.interface} (${direction}): ${why}`] : [];
  });
  return wrong.length === 0
    ? {
        requirement,
        verdict: 'pass',
        message: `${entries.length} ${direction} entr${entries.length === 1 ? 'y adds' : 'ies add'} up`,
        evidence,
      }
    : { requirement, verdict: 'fail', message: wrong.join('; '), evidence };
}
