import { securityReplicas } from '../../security/security-replicas.ts';
import type { ReplicaInfo } from '../registry.ts';
import { internalErrorReplica } from '../shared/internal-error-replicas.ts';
import type { RelaySeams } from './seams.ts';

/**
 * A replica is data: the reference relay with the seams it overrides (`seams.ts`), the
 * requirement ids it violates and why. The two incident replicas reproduce INC-2016-RELAY; the
 * mutants each break one bound or one observation so that the test judging it is seen to fail.
 */
export interface Replica extends ReplicaInfo {
  readonly role: 'relay';
  readonly seams: Partial<RelaySeams>;
}

export const REPLICAS: readonly Replica[] = [
  {
    name: 'relay-dies-on-early-timeout',
    role: 'relay',
    kind: 'incident',
    incidents: ['INC-2016-RELAY'],
    violates: ['RLY-TMO-001', 'GEN-TMO-003'],
    description:
      'A connection that times out or is reset before its first byte corrupts the message path (the 2016 free of a buffer never allocated): from then on every message is answered 500 and nothing is forwarded, though /health still answers.',
    seams: { earlyConnectionEnd: 'corrupt-message-path' },
  },
  {
    name: 'relay-crossed-device-answers',
    role: 'relay',
    kind: 'incident',
    incidents: ['INC-2016-RELAY'],
    violates: ['RLY-DEV-001', 'RLY-FWD-006', 'GEN-TMO-005'],
    description:
      'Crypto-device completions are handed to the operation that has waited longest instead of the one whose operationId they carry: when the device answers out of order, messages are sealed, forwarded and answered with the content of other terminals.',
    seams: { completionMatching: 'arrival-order' },
  },
  {
    name: 'relay-slot-leak-on-abandon',
    role: 'relay',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['RLY-TMO-003'],
    description:
      'A message whose terminal leaves before the answer never gives back its in-progress slot: messages.inProgress never returns to its level before, and enough abandons refuse every message as overloaded.',
    seams: { releaseSlotOfAbandoned: false },
  },
  {
    name: 'relay-no-upstream-timeout',
    role: 'relay',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['RLY-FWD-004', 'GEN-SEND-002', 'RLY-MET-003'],
    description:
      'The call to the national center has no timeout of its own: a center that hangs holds the terminal until the terminal gives up, never answered 504.',
    seams: { upstreamTimeout: false },
  },
  {
    name: 'relay-metrics-frozen',
    role: 'relay',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['RLY-MET-001', 'RLY-MET-003'],
    description:
      'GET /metrics serves the figures of the start forever: connections, limits and timeouts never move.',
    seams: { liveMetrics: false },
  },
  {
    name: 'relay-queues-beyond-limit',
    role: 'relay',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['RLY-MET-002', 'GEN-TMO-006'],
    description:
      'The declared maxConcurrentRequests is not enforced: every message is taken and waits, none is refused 503 overloaded, and limitHits never moves.',
    seams: { enforceMessageLimit: false },
  },
  {
    name: 'relay-no-header-deadline',
    role: 'relay',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['RLY-TMO-001', 'GEN-TMO-001'],
    description:
      'The declared headersTimeoutMs (1 s) is not enforced: a connection that sends nothing, or only part of its headers, stays open for a minute.',
    seams: { enforcedBounds: { headersTimeoutMs: 60_000 } },
  },
  {
    name: 'relay-unbounded-headers',
    role: 'relay',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-VAL-013'],
    description:
      'Reads header sections of any size (up to 8 MiB) instead of refusing more than 64 KiB with 431: a terminal can make it buffer megabytes before a single byte of body.',
    seams: { maxHeaderBytes: 8 * 1024 * 1024 },
  },
  {
    name: 'relay-forwards-unsealed',
    role: 'relay',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['RLY-FWD-002', 'RLY-DEV-004'],
    description:
      'When the crypto device fails to seal a message, the relay forwards the message anyway instead of failing it 503.',
    seams: { failOnDeviceError: false },
  },
  {
    name: 'relay-thin-logs',
    role: 'relay',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['RLY-OBS-001'],
    description:
      'Only the HTTP access line is logged for a message: no messageId, operationIds, phases or outcome, so a failed message cannot be diagnosed from the log (the 2016 logs).',
    seams: { messageLog: false },
  },
  {
    name: 'relay-loses-correlation-id',
    role: 'relay',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['GEN-OBS-001'],
    description:
      'Every answer carries a correlation id the relay made up instead of the terminal’s: a terminal cannot tie an answer or a failure to its request, nor an operator to the log.',
    seams: { ignoreOfferedCorrelationId: true },
  },
  {
    name: 'relay-health-refused-when-busy',
    role: 'relay',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['GEN-HLT-003'],
    description:
      'GET /health counts against the message limit: while maxConcurrentRequests messages are in progress it is refused 503 overloaded, and a monitor takes a busy relay for a dead one.',
    seams: { healthBehindMessageLimit: true },
  },
  {
    name: 'relay-lenient-reconciliation',
    role: 'relay',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['GEN-REC-007'],
    description:
      'GET /reconciliation answers 200 with an empty report for any peer name, so a misspelt peer looks like a relay that forwarded nothing.',
    seams: { checksReconciliationPeer: false },
  },
  {
    name: 'relay-echoes-any-correlation-id',
    role: 'relay',
    kind: 'mutant',
    incidents: ['INC-2016-RELAY'],
    violates: ['GEN-OBS-002'],
    description:
      'The relay takes whatever X-Correlation-Id a terminal offers as its own, empty, 65 characters long or with spaces and slashes, and answers and logs under it: such an id ties nothing together in the log.',
    seams: { takeAnyOfferedCorrelationId: true },
  },
  {
    name: 'relay-lax-messages',
    role: 'relay',
    kind: 'mutant',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-VAL-001', 'GEN-VAL-003', 'GEN-VAL-006', 'GEN-VAL-009', 'GEN-VAL-012'],
    description:
      'Terminal messages are not checked against their schema: a message with a missing, mistyped or oversized member, control characters or a __proto__ member is sealed and forwarded to the national center instead of refused 400 naming the field, and the hostile copy then stands in the way of the genuine message.',
    seams: { validatesMessages: false },
  },
  {
    ...internalErrorReplica('relay', 'unavailable'),
    role: 'relay',
    seams: { internalErrors: 'unavailable' },
  },
  ...securityReplicas('rl', { jurisdictional: true, sending: true }).map((r) => ({
    ...r,
    role: 'relay' as const,
  })),
];

export const REPLICA_NAMES: readonly string[] = REPLICAS.map((r) => r.name);
