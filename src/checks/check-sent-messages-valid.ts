import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { exchangesOf, ref } from './record-attempts.ts';

/** GEN-SEND-001: every message the target sent on `iface`, as the receiving mock recorded it, validates. */
export function checkSentMessagesValid(
  ledger: string,
  entries: readonly LedgerEntry[],
  iface: string,
): Finding {
  const exchanges = exchangesOf(entries, iface).filter((e) => e.validation.request !== null);
  const invalid = exchanges.filter((e) => e.validation.request?.valid === false);
  if (exchanges.length === 0) {
    return {
      requirement: 'GEN-SEND-001',
      verdict: 'inconclusive',
      message: `no ${iface} message was sent`,
      evidence: [],
    };
  }
  if (invalid.length === 0) {
    return {
      requirement: 'GEN-SEND-001',
      verdict: 'pass',
      message: `${exchanges.length} ${iface} message(s) valid`,
      evidence: [],
    };
  }
  const first = invalid[0]?.validation.request?.errors[0];
  return {
    requirement: 'GEN-SEND-001',
    verdict: 'fail',
    message: `${invalid.length} of ${exchanges.length} ${iface} message(s) invalid, first at ${first?.instancePath || '/'}: ${first?.message ?? 'schema mismatch'}`,
    evidence: invalid.slice(0, 10).map((e) => ref(ledger, e)),
  };
}
