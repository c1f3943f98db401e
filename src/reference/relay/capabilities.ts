import {
  DEFAULT_PARAMETERS as CA_DEFAULT_PARAMETERS,
  type CertificationAuthorityParameters,
} from '../certification-authority/capabilities.ts';
import { declareReference } from '../shared/reference-capabilities.ts';

export const FORWARDING = 'relay-forwarding';
export const DEVICE = 'crypto-device';
export const CENTER = 'national-center';
/** The terminals' side, as reconciliation names it: municipal terminals belong to a municipality. */
export const TERMINALS = 'municipality';
/** The device key the relay seals card-management messages under. */
export const KEY_LABEL = 'card-management';

/** The sending parameters every reference role declares (upper-tester/capabilities). */
export type RelayParameters = CertificationAuthorityParameters;

/**
 * One message makes five outbound calls (seal, unseal, forward, seal, unseal), each bounded by
 * requestTimeoutMs; with healthy peers a message is answered well within deliveryBoundMs.
 * The relay does not retry (RLY-FWD-007 is a MAY): `retry` is declared because the schema asks.
 */
export const DEFAULT_PARAMETERS: RelayParameters = {
  ...CA_DEFAULT_PARAMETERS,
  requestTimeoutMs: 2000,
  maxBatchSize: 1,
  deliveryBoundMs: 4000,
};

/** The bounds the relay enforces besides requestTimeoutMs (health/relay-metrics `bounds`). */
export interface RelayBounds {
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly maxConnections: number;
  readonly maxConcurrentRequests: number;
}

export const DEFAULT_BOUNDS: RelayBounds = {
  headersTimeoutMs: 1000,
  bodyTimeoutMs: 1000,
  idleTimeoutMs: 2000,
  maxConnections: 256,
  maxConcurrentRequests: 16,
};

export const LIMITS = {
  maxBodyBytes: 1024 * 1024,
  maxNestingDepth: 64,
  duplicateRetentionDays: 7,
} as const;

const REFERENCE = declareReference({
  role: 'relay',
  implementation: 'tekigo-reference-relay',
  exchanges: [
    { name: FORWARDING, as: 'receiver' },
    { name: FORWARDING, as: 'sender' },
    { name: DEVICE, as: 'sender' },
  ],
});

export const ROLE = REFERENCE.role;
export const IMPLEMENTATION = REFERENCE.implementation;

/** The upper-tester/capabilities body. */
export function capabilities(parameters: RelayParameters, bounds: RelayBounds): Record<string, unknown> {
  return REFERENCE.capabilities({
    parameters,
    limits: { ...LIMITS, maxConcurrentRequests: bounds.maxConcurrentRequests },
  });
}
