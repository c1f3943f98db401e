import type { RequestHandler } from 'msw';
import type { ResponseTypeSpec, Validate } from '../evidence/validate.ts';
import type { FaultAction } from '../faults/fault-script.ts';
import type { ReconciliationEntry } from '../reconciliation/reconciliation-entry.ts';
import type { OutboundInput } from './samples.ts';

/** One route a mock serves, declared as data so the runtime can name and validate its exchanges. */
export interface MockRoute {
  readonly method: string;
  /** Path pattern as msw writes it, without origin: `/certificate-status/:serialNumber`. */
  readonly path: string;
  readonly interface: string;
  readonly requestType?: string;
  readonly responseType?: ResponseTypeSpec;
}

/** An exchange a mock originates: an interface of `interfaces.ts` it sends, and how to make a message. */
export interface MockOutbound {
  readonly interface: string;
  /** The message to send when the suite gives no body (see `samples.ts`). */
  message(input: OutboundInput): unknown;
}

/** A running mock's handlers and domain state; created fresh for every started mock. */
export interface MockInstance {
  /** msw handlers, usable with the mock runtime or with msw's own `setupServer`. */
  readonly handlers: readonly RequestHandler[];
  /** The domain state as plain JSON (what `GET /__tekigo/state` serves). */
  state(): unknown;
  reset(): void;
}

/** The sender's side of reconciliation: one outbound entry per interface the mock sent to `peer` on `date`. */
export interface OutboundReconciliation {
  reconcile(peer: string, date: string): ReconciliationEntry[];
}

export interface MockCreateOptions {
  readonly validate: Validate;
  /** What the mock sent, for a reconciliation report; none when absent. */
  readonly outbound?: OutboundReconciliation;
}

/** A party tekigo can play. */
export interface MockDefinition {
  readonly role: string;
  readonly routes: readonly MockRoute[];
  /** What the mock sends, on request or on a schedule; nothing when absent. */
  readonly sends?: readonly MockOutbound[];
  /** Fault actions this mock can apply; a script using any other is refused when loaded. */
  readonly faultActions: readonly FaultAction['kind'][];
  create(options: MockCreateOptions): MockInstance;
}

/** The actions a mock that only receives requests can apply. */
export const RECEIVER_FAULT_ACTIONS: readonly FaultAction['kind'][] = [
  'delay',
  'hang',
  'status',
  'reject-records',
  'reset',
  'truncate',
  'empty-body',
  'garbage-body',
  'commit-then-hang',
];

/** The actions a mock applies to what it sends. */
export const SENDER_FAULT_ACTIONS: readonly FaultAction['kind'][] = [
  'delay',
  'duplicate-delivery',
  'reorder',
];

/** The actions of a mock that both receives and sends. */
export const PEER_FAULT_ACTIONS: readonly FaultAction['kind'][] = [
  ...RECEIVER_FAULT_ACTIONS,
  'duplicate-delivery',
  'reorder',
];
