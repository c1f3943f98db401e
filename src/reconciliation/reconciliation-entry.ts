import { acceptedDigest } from './accepted-digest.ts';

export interface ReconciliationCounts {
  readonly total: number;
  readonly accepted: number;
  readonly duplicate: number;
  readonly rejected: number;
  readonly pending: number;
  readonly deadLettered: number;
}

/** One entry of a reconciliation/report. */
export interface ReconciliationEntry {
  readonly interface: string;
  readonly direction: 'outbound' | 'inbound';
  readonly counts: ReconciliationCounts;
  readonly acceptedDigest: string;
}

export function reconciliationEntry(
  interfaceName: string,
  direction: 'outbound' | 'inbound',
  counts: ReconciliationCounts,
  acceptedIds: Iterable<string>,
): ReconciliationEntry {
  return { interface: interfaceName, direction, counts, acceptedDigest: acceptedDigest(acceptedIds) };
}

/** The body of `reconciliation/report`. */
export interface ReconciliationReport {
  readonly role: string;
  readonly peer: string;
  readonly date: string;
  readonly generatedAt: string;
  readonly entries: readonly ReconciliationEntry[];
}
