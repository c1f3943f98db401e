/**
 * Evidence is data: every exchange a verdict rests on, every injected fault and every
 * observation, in the order tekigo saw them. Reports embed these entries unchanged so an
 * auditor can re-run the pure checks over them offline.
 */
export interface ValidationIssue {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly message: string;
}

export interface ValidationOutcome {
  readonly messageType: string;
  readonly valid: boolean;
  readonly errors: readonly ValidationIssue[];
}

export interface ExchangeEntry {
  readonly kind: 'exchange';
  readonly seq: number;
  /** Wall-clock time the request started, ISO 8601. */
  readonly at: string;
  /** Monotonic milliseconds since the ledger was created; use these for timing checks. */
  readonly startMs: number;
  readonly endMs: number;
  readonly durationMs: number;
  /** Who sent the request: `suite`, `sut`, or a peer name such as `national-center`. */
  readonly from: string;
  readonly to: string;
  readonly interface: string | null;
  readonly method: string;
  readonly path: string;
  readonly correlationId: string | null;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody: unknown;
  /**
   * `answered`: a full response was sent or received. `aborted`: the client went away before
   * the answer (for a mock, this is how a SUT timeout is observed). `network-error`: no HTTP
   * response (refused, reset). `timeout`: tekigo's own client gave up.
   */
  readonly outcome: 'answered' | 'aborted' | 'network-error' | 'timeout';
  readonly status: number | null;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly responseBody: unknown;
  readonly error: string | null;
  /** Ids of fault rules applied to this exchange. */
  readonly faults: readonly string[];
  readonly validation: {
    readonly request: ValidationOutcome | null;
    readonly response: ValidationOutcome | null;
  };
}

export interface FaultEntry {
  readonly kind: 'fault';
  readonly seq: number;
  readonly at: string;
  readonly startMs: number;
  readonly ruleId: string;
  readonly interface: string | null;
  readonly action: string;
  /** The exchange the fault was applied to, when there is one. */
  readonly exchangeSeq: number | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface ObservationEntry {
  readonly kind: 'observation';
  readonly seq: number;
  readonly at: string;
  readonly startMs: number;
  readonly source: string;
  readonly what: string;
  readonly data: unknown;
}

export type LedgerEntry = ExchangeEntry | FaultEntry | ObservationEntry;

/** An entry before the ledger gives it its sequence number and times. */
export type NewEntry<E extends LedgerEntry> = Omit<E, 'seq' | 'at' | 'startMs'> & {
  readonly at?: string;
  readonly startMs?: number;
};
