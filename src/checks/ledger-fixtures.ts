import type { ExchangeEntry, ObservationEntry } from '../evidence/ledger-entry.ts';

/** Builders for hand-made evidence in check tests: each check gets a passing and a failing ledger. */
let seq = 0;

export interface BatchSpec {
  readonly startMs: number;
  readonly durationMs?: number;
  readonly records: readonly { recordId: string; serialNumber: string; [k: string]: unknown }[];
  readonly status?: number | null;
  readonly outcome?: ExchangeEntry['outcome'];
  /** recordId → outcome; records not named are `accepted` when the status is 200. */
  readonly results?: Readonly<Record<string, string>>;
  readonly retryAfter?: string;
  readonly valid?: boolean;
}

export function batchExchange(spec: BatchSpec, iface = 'certificate-issuances'): ExchangeEntry {
  const status = spec.status === undefined ? 200 : spec.status;
  const outcome = spec.outcome ?? 'answered';
  const durationMs = spec.durationMs ?? 10;
  const answered = outcome === 'answered' && status === 200;
  return {
    kind: 'exchange',
    seq: ++seq,
    at: new Date(1_800_000_000_000 + spec.startMs).toISOString(),
    startMs: spec.startMs,
    endMs: spec.startMs + durationMs,
    durationMs,
    from: 'sut',
    to: 'national-center',
    interface: iface,
    method: 'POST',
    path: `/${iface}`,
    correlationId: `c-${seq}`,
    requestHeaders: {},
    requestBody: { batchId: `b-${seq}`, records: spec.records },
    outcome,
    status: outcome === 'answered' ? status : null,
    responseHeaders: spec.retryAfter ? { 'retry-after': spec.retryAfter } : {},
    responseBody: answered
      ? {
          results: spec.records.map((r) => ({
            recordId: r.recordId,
            outcome: spec.results?.[r.recordId] ?? 'accepted',
          })),
        }
      : null,
    error: null,
    faults: [],
    validation: {
      request: {
        messageType: `${iface}/batch-request`,
        valid: spec.valid ?? true,
        errors:
          spec.valid === false
            ? [
                {
                  instancePath: '/records/0/itemsDigest',
                  schemaPath: '#/pattern',
                  keyword: 'pattern',
                  message: 'must match pattern',
                },
              ]
            : [],
      },
      response: null,
    },
  };
}

/** The mock's note that it holds a call open; the exchange entry follows only when the caller lets go. */
export function heldOpen(exchange: ExchangeEntry): ObservationEntry {
  return {
    kind: 'observation',
    seq: ++seq,
    at: exchange.at,
    startMs: exchange.startMs,
    source: 'national-center',
    what: 'held-open',
    data: { correlationId: exchange.correlationId, ruleId: 'hang-first', interface: exchange.interface },
  };
}

export const rec = (n: number) => ({
  recordId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  serialNumber: `SERIAL${String(n).padStart(10, '0')}`,
});

/** The mock's note that the client closed the connection of `exchange` (reset: its answer unread). */
export function connectionClosed(
  exchange: ExchangeEntry,
  closedMs: number,
  reset: boolean,
): ObservationEntry {
  return {
    kind: 'observation',
    seq: ++seq,
    at: new Date(1_800_000_000_000 + closedMs).toISOString(),
    startMs: closedMs,
    source: 'national-center',
    what: 'connection-closed',
    data: { exchangeSeq: exchange.seq, closedMs, reset },
  };
}
