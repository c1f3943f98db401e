import type { SenderDefect } from '../shared/outbox-sender.ts';

/** Defects of the reference CA that are not sender defects, each checked at one place. */
export type CertificationAuthorityDefect =
  | SenderDefect
  | 'status-lag'
  | 'bad-digest'
  | 'lax-validation'
  | 'no-correlation-echo';

export interface Replica {
  readonly name: string;
  readonly role: 'certification-authority';
  readonly incidents: readonly string[];
  readonly violates: readonly string[];
  readonly description: string;
  readonly defect: CertificationAuthorityDefect;
}

/**
 * The reference CA with one known defect switched on. The suite must fail each of them on the
 * requirements listed in `violates` (and pass the reference), which is how the suite's own
 * checks are tested.
 */
export const REPLICAS: readonly Replica[] = [
  {
    name: 'ca-retry-forever',
    role: 'certification-authority',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-006', 'GEN-SEND-007'],
    description:
      'A rejected record is treated as a transient failure and re-sent forever; sending is strictly first-in first-out, so once the oldest record has failed it is sent alone until it succeeds and every record behind it waits.',
    defect: 'retry-forever',
  },
  {
    name: 'ca-silent-drop',
    role: 'certification-authority',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-008', 'GEN-DLQ-001'],
    description:
      'A rejected record is deleted: no dead letter, and it disappears from the reconciliation counts.',
    defect: 'silent-drop',
  },
  {
    name: 'ca-no-backoff',
    role: 'certification-authority',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-003', 'GEN-SEND-004'],
    description: 'Retries 10 ms after any transient failure, ignoring the declared backoff and Retry-After.',
    defect: 'no-backoff',
  },
  {
    name: 'ca-no-timeout',
    role: 'certification-authority',
    incidents: ['INC-2016-RELAY'],
    violates: ['GEN-SEND-002'],
    description: 'Outbound calls wait up to 10 minutes instead of the declared requestTimeoutMs.',
    defect: 'no-timeout',
  },
  {
    name: 'ca-new-id-on-resend',
    role: 'certification-authority',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-005', 'GEN-REC-002'],
    description:
      'Every retry gives the record a fresh recordId, so the receiver cannot recognise a re-send and the counts drift apart.',
    defect: 'new-id-on-resend',
  },
  {
    name: 'ca-status-lag',
    role: 'certification-authority',
    incidents: ['INC-2015-CARD'],
    violates: ['CA-REV-001'],
    description: 'certificate-status keeps answering good for 2 s after a revocation was answered accepted.',
    defect: 'status-lag',
  },
  {
    name: 'ca-bad-digest',
    role: 'certification-authority',
    incidents: ['INC-2004-JPKI'],
    violates: ['GEN-SEND-001', 'CA-ISS-002'],
    description:
      'itemsDigest is computed over the four items in insertion order, not canonical JSON, and written in upper-case hex.',
    defect: 'bad-digest',
  },
  {
    name: 'ca-lax-validation',
    role: 'certification-authority',
    incidents: ['INC-2003-NAGANO'],
    violates: ['GEN-VAL-001'],
    description:
      'Revocation requests are processed without schema validation: malformed input is answered 200 (or 500) instead of a 400 problem naming the field.',
    defect: 'lax-validation',
  },
  {
    name: 'ca-no-correlation-echo',
    role: 'certification-authority',
    incidents: ['INC-2016-RELAY'],
    violates: ['GEN-OBS-001'],
    description:
      'Every response carries a fresh correlation id instead of the one the caller sent, so a failed exchange cannot be found in the logs.',
    defect: 'no-correlation-echo',
  },
];

export const REPLICA_NAMES: readonly string[] = REPLICAS.map((replica) => replica.name);
