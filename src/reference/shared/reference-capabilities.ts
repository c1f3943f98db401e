import type { RetryPolicy } from './backoff.ts';
import { DEFAULT_MAX_BODY_BYTES } from './http-app.ts';

/** The protocol version every reference implements. */
export const SPEC_VERSION = '0.1.0';
/** The version every reference reports as its implementation's. */
const REFERENCE_VERSION = '0.1.0';

/** The sending parameters every reference role declares (upper-tester/capabilities `parameters`). */
export interface SendingParameters {
  readonly requestTimeoutMs: number;
  readonly retry: RetryPolicy;
  readonly maxBatchSize: number;
  readonly deliveryBoundMs: number;
}

/** One interface a role takes part in, and on which side. */
export interface InterfaceTaken {
  readonly name: string;
  readonly as: 'sender' | 'receiver';
}

/** Per peer, the interfaces and directions its reconciliation report covers. */
export type Reconciled = Readonly<
  Record<string, readonly { readonly interface: string; readonly direction: 'outbound' | 'inbound' }[]>
>;

/** The operator interfaces every reference serves after its own. */
const OPERATOR_INTERFACES: readonly InterfaceTaken[] = [
  { name: 'reconciliation', as: 'receiver' },
  { name: 'dead-letters', as: 'receiver' },
  { name: 'health', as: 'receiver' },
  { name: 'upper-tester', as: 'receiver' },
];

/** What a reference says of itself: its role, its implementation's name, the exchanges it takes part in. */
export interface ReferenceIdentity {
  readonly role: string;
  readonly implementation: string;
  /** The role's own interfaces; the operator interfaces are added after them. */
  readonly exchanges: readonly InterfaceTaken[];
}

/** What varies between the capabilities bodies of two references besides their identity. */
export interface Declared<P> {
  readonly parameters: P;
  /** Added to `{ reset: true, hooks: ['internal-failure'] }` (every reference offers the fault hook of src/reference/shared/fault-hooks.ts). */
  readonly features?: Readonly<Record<string, unknown>>;
  /** In place of the HTTP kit's body cap alone (declared because it is below the spec's 16 MiB default, GEN-VAL-002). */
  readonly limits?: Readonly<Record<string, unknown>>;
  /** Role-specific members, such as the municipality's `municipalityCode`. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** A reference's identity as its routes use it, and the builder of its upper-tester/capabilities body. */
export interface ReferenceDeclaration {
  readonly role: string;
  readonly implementation: { readonly name: string; readonly version: string };
  readonly interfaces: readonly InterfaceTaken[];
  capabilities<P>(declared: Declared<P>): Record<string, unknown>;
}

/** The declaration of a reference role (`capabilities.ts` of each role). */
export function declareReference(identity: ReferenceIdentity): ReferenceDeclaration {
  const implementation = { name: identity.implementation, version: REFERENCE_VERSION };
  const interfaces = [...identity.exchanges, ...OPERATOR_INTERFACES];
  return {
    role: identity.role,
    implementation,
    interfaces,
    capabilities: ({ parameters, features, limits, extra }) => ({
      role: identity.role,
      implementation,
      specVersion: SPEC_VERSION,
      interfaces,
      parameters,
      features: { reset: true, hooks: ['internal-failure'], ...features },
      limits: limits ?? { maxBodyBytes: DEFAULT_MAX_BODY_BYTES },
      ...extra,
    }),
  };
}
