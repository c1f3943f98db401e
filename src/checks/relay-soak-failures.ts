import type { ExchangeEntry, LedgerEntry } from '../evidence/ledger-entry.ts';

/** A soak message the relay did not answer 200 with its own response. */
export interface SoakFailure {
  readonly correlationId: string;
  /** The relay's status, or null when the terminal got no answer. */
  readonly status: number | null;
  /** The problem type of the answer, or the terminal's own error. */
  readonly problem: string | null;
  /** From the terminal's first byte to its answer or error. */
  readonly elapsedMs: number;
}

/** The relay's declared timeouts the soak's failures are read against. */
export interface SoakBounds {
  readonly requestTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
}

export interface SoakAttribution {
  /** Faults the mocks injected. */
  readonly injected: number;
  /** Failed messages with a fault injected into one of their exchanges. */
  readonly faulted: number;
  /**
   * Failed messages with no fault injected, answered 504 after the relay waited its declared
   * requestTimeoutMs for a mock that had not answered yet (a starved machine): a correct answer.
   */
  readonly peerLate: number;
  /**
   * Answered 504 although the mock had answered: the relay's own timer ran out before it read the
   * answer (it reset the connection with the answer unread, or closed it at its timeout). A relay
   * starved of CPU; its answer is still the one its declared bound requires.
   */
  readonly relayStarved: number;
  /**
   * Answered 408 no sooner than the relay's headers or body timeout after the terminal began:
   * tekigo's own terminal did not finish sending in time (a starved machine).
   */
  readonly terminalLate: number;
  /** Failed messages nothing explains: each is a relay defect until shown otherwise. */
  readonly unexplained: readonly (SoakFailure & { readonly why: string })[];
}

const SLACK_MS = 50;

/**
 * Sorts the soak's failed messages by cause, from the mocks' ledgers: a message is matched to
 * its device and center exchanges by the correlation id the terminal gave it. One injected fault
 * fails at most its own message, so faults and failures are compared message by message, never
 * as two totals.
 */
export function attributeSoakFailures(
  failures: readonly SoakFailure[],
  peerLedgers: readonly (readonly LedgerEntry[])[],
  bounds: SoakBounds,
): SoakAttribution {
  const { requestTimeoutMs } = bounds;
  const byCorrelation = new Map<string, ExchangeEntry[]>();
  // Answers the relay let go of unread: its timer ran out first (see connection-watch.ts).
  const unread = new Set<ExchangeEntry>();
  const faultedIds = new Set<string>();
  let injected = 0;
  for (const entries of peerLedgers) {
    const bySeq = new Map<number, ExchangeEntry>();
    for (const e of entries) {
      if (e.kind !== 'exchange') continue;
      bySeq.set(e.seq, e);
      if (e.correlationId)
        byCorrelation.set(e.correlationId, [...(byCorrelation.get(e.correlationId) ?? []), e]);
    }
    // A fault entry sits in the ledger of the mock that applied it, beside its exchange.
    for (const e of entries) {
      if (e.kind !== 'observation' || e.what !== 'connection-closed') continue;
      const { exchangeSeq, closedMs, reset } = e.data as {
        exchangeSeq: number;
        closedMs: number;
        reset: boolean;
      };
      const exchange = bySeq.get(exchangeSeq);
      if (
        exchange?.outcome === 'answered' &&
        (reset || closedMs - exchange.startMs >= requestTimeoutMs - SLACK_MS)
      )
        unread.add(exchange);
    }
    for (const e of entries) {
      if (e.kind !== 'fault') continue;
      injected++;
      const correlationId = e.exchangeSeq === null ? null : bySeq.get(e.exchangeSeq)?.correlationId;
      if (correlationId) faultedIds.add(correlationId);
    }
  }
  let faulted = 0;
  let peerLate = 0;
  let relayStarved = 0;
  let terminalLate = 0;
  const unexplained: (SoakFailure & { why: string })[] = [];
  for (const failure of failures) {
    if (faultedIds.has(failure.correlationId)) {
      faulted++;
      continue;
    }
    const own = byCorrelation.get(failure.correlationId) ?? [];
    const abandoned = own.filter((x) => x.outcome === 'aborted');
    const waitedOut = abandoned.some((x) => x.durationMs >= requestTimeoutMs - SLACK_MS);
    if (failure.status === 504 && waitedOut) {
      peerLate++;
      continue;
    }
    if (failure.status === 504 && own.some((x) => unread.has(x))) {
      relayStarved++;
      continue;
    }
    const clientTimeoutMs = Math.min(bounds.headersTimeoutMs, bounds.bodyTimeoutMs);
    if (failure.status === 408 && own.length === 0 && failure.elapsedMs >= clientTimeoutMs - SLACK_MS) {
      terminalLate++;
      continue;
    }
    unexplained.push({
      ...failure,
      why:
        failure.status === 408
          ? `answered 408 ${Math.round(failure.elapsedMs)} ms after the terminal began, before the relay's client timeout (${clientTimeoutMs} ms)`
          : own.length === 0
            ? 'no exchange of this message reached the device or the center'
            : abandoned.length > 0
              ? `the relay abandoned a ${abandoned[0]?.to} call after ${Math.round(abandoned[0]?.durationMs ?? 0)} ms (requestTimeoutMs ${requestTimeoutMs})`
              : `its ${own.length} device and center exchange(s) were all answered and none was left unread by the relay`,
    });
  }
  return { injected, faulted, peerLate, relayStarved, terminalLate, unexplained };
}
