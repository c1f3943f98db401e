import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { exchangesOf, ref } from './record-attempts.ts';

/** GEN-SEND-014: no request the target sent on `iface` holds more records than its declared maxBatchSize. */
export function checkBatchSize(
  ledger: string,
  entries: readonly LedgerEntry[],
  iface: string,
  maxBatchSize: number,
): Finding {
  const sizes = exchangesOf(entries, iface)
    .filter((e) => e.from === 'sut')
    .map((exchange) => {
      const records = (exchange.requestBody as { records?: unknown } | null)?.records;
      return { exchange, size: Array.isArray(records) ? records.length : 0 };
    });
  if (sizes.length === 0) {
    return {
      requirement: 'GEN-SEND-014',
      verdict: 'inconclusive',
      message: `no ${iface} request was sent`,
      evidence: [],
    };
  }
  const largest = Math.max(...sizes.map((s) => s.size));
  const over = sizes.filter((s) => s.size > maxBatchSize);
  return over.length === 0
    ? {
        requirement: 'GEN-SEND-014',
        verdict: 'pass',
        message: `${sizes.length} request(s) of at most ${largest} record(s) (declared maxBatchSize ${maxBatchSize})`,
        evidence: [],
      }
    : {
        requirement: 'GEN-SEND-014',
        verdict: 'fail',
        message: `${over.length} request(s) over the declared maxBatchSize ${maxBatchSize}, the largest with ${largest} records`,
        evidence: over.slice(0, 5).map((s) => ref(ledger, s.exchange)),
      };
}
