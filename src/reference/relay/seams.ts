import { REFERENCE_SECURITY, type SecuritySeams } from '../../security/security-seams.ts';
import { DEFAULT_BOUNDS, type RelayBounds } from './capabilities.ts';

/**
 * Where a replica may change the relay (src/reference/shared/README.md, "Replicas as data").
 * The reference's choice of each is in REFERENCE_SEAMS; the routes read seams, never a name.
 */
export interface RelaySeams {
  /** The production profile's switches (mutual TLS, authorisation, upper tester). */
  readonly security: SecuritySeams;
  /**
   * How a crypto-device completion finds the operation it completes: by its operationId, or
   * (the 2016 defect) handed to the operation that has waited longest.
   */
  readonly completionMatching: 'operation-id' | 'arrival-order';
  /**
   * What a connection that ends before its first byte (timeout or reset) does to the relay:
   * releases only itself, or (the 2016 defect) corrupts the message path so that every later
   * message fails.
   */
  readonly earlyConnectionEnd: 'release-connection' | 'corrupt-message-path';
  /** A message whose terminal left before its answer releases its in-progress slot. */
  readonly releaseSlotOfAbandoned: boolean;
  /** The national center's call is abandoned after requestTimeoutMs; false waits for as long as it takes. */
  readonly upstreamTimeout: boolean;
  /** GET /metrics shows live counters; false serves the figures of the start forever. */
  readonly liveMetrics: boolean;
  /** Beyond maxConcurrentRequests messages, answer 503 overloaded; false takes them all. */
  readonly enforceMessageLimit: boolean;
  /** GET /health is refused 503 overloaded, like a message, while maxConcurrentRequests are in progress. */
  readonly healthBehindMessageLimit: boolean;
  /** Terminal messages are checked against their schema and refused 400; false forwards them as they come. */
  readonly validatesMessages: boolean;
  /** GET /reconciliation refuses a peer that is no party 400; false answers any peer 200 with no entries. */
  readonly checksReconciliationPeer: boolean;
  /** A device error fails the message; false forwards it with its plaintext anyway. */
  readonly failOnDeviceError: boolean;
  /** Log every message's phases and outcome (RLY-OBS-001); false logs only the HTTP access line. */
  readonly messageLog: boolean;
  /** Answer with a fresh correlation id instead of the terminal's (the shared app's switch). */
  readonly ignoreOfferedCorrelationId: boolean;
  /** Take any offered correlation id as given, unchecked (the shared app's switch); false replaces an unusable one. */
  readonly takeAnyOfferedCorrelationId: boolean;
  /**
   * How a failure inside a handler is answered: `concealed` (500 internal, nothing of the error),
   * or a replica's defect (`stack`: its stack and message as detail; `unavailable`: 503).
   */
  readonly internalErrors: 'concealed' | 'stack' | 'unavailable';
  /** Overrides of the declared bounds' enforcement (the declared values stay as they are). */
  readonly enforcedBounds: Partial<RelayBounds>;
  /** The largest header section read; absent, the server's default 16 KiB (GEN-VAL-013). */
  readonly maxHeaderBytes?: number;
}

export const REFERENCE_SEAMS: RelaySeams = {
  security: REFERENCE_SECURITY,
  completionMatching: 'operation-id',
  earlyConnectionEnd: 'release-connection',
  releaseSlotOfAbandoned: true,
  upstreamTimeout: true,
  liveMetrics: true,
  enforceMessageLimit: true,
  healthBehindMessageLimit: false,
  validatesMessages: true,
  checksReconciliationPeer: true,
  failOnDeviceError: true,
  messageLog: true,
  ignoreOfferedCorrelationId: false,
  takeAnyOfferedCorrelationId: false,
  internalErrors: 'concealed',
  enforcedBounds: {},
};

export function withOverrides(overrides: Partial<RelaySeams> = {}): RelaySeams {
  return { ...REFERENCE_SEAMS, ...overrides };
}

/** The bounds the relay actually enforces: the declared ones unless a replica changes them. */
export function enforced(seams: RelaySeams, declared: RelayBounds = DEFAULT_BOUNDS): RelayBounds {
  return { ...declared, ...seams.enforcedBounds };
}
