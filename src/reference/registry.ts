import { fileURLToPath } from 'node:url';
import { TekigoUsageError } from '../errors.ts';
import { REPLICAS as CERTIFICATION_AUTHORITY_REPLICAS } from './certification-authority/replicas.ts';
import { REPLICAS as ISSUANCE_SERVICE_REPLICAS } from './issuance-service/replicas.ts';
import { REPLICAS as MUNICIPALITY_REPLICAS } from './municipality/replicas.ts';
import { REPLICAS as NATIONAL_CENTER_REPLICAS } from './national-center/replicas.ts';
import { REPLICAS as RELAY_REPLICAS } from './relay/replicas.ts';

/** A replica as the CLI and reports describe it. */
export interface ReplicaInfo {
  readonly name: string;
  readonly role: string;
  /** `incident` reproduces an incident's mechanism; `mutant` breaks one requirement to prove its test can fail. */
  readonly kind: 'incident' | 'mutant';
  readonly incidents: readonly string[];
  readonly violates: readonly string[];
  readonly description: string;
  /** `production`: judged with `tekigo run --profile production` (a security replica); default basic. */
  readonly profile?: 'production';
}

export interface ReferenceInfo {
  readonly role: string;
  /** The process entry (process contract in src/README.md); takes `--test-mode` and `--replica NAME`. */
  readonly entry: string;
  readonly replicas: readonly ReplicaInfo[];
}

/** The reference implementations tekigo ships, one per role as they land. */
const REFERENCES: readonly ReferenceInfo[] = [
  {
    role: 'certification-authority',
    entry: fileURLToPath(new URL('./certification-authority/main.ts', import.meta.url)),
    replicas: CERTIFICATION_AUTHORITY_REPLICAS,
  },
  {
    role: 'national-center',
    entry: fileURLToPath(new URL('./national-center/main.ts', import.meta.url)),
    replicas: NATIONAL_CENTER_REPLICAS,
  },
  {
    role: 'municipality',
    entry: fileURLToPath(new URL('./municipality/main.ts', import.meta.url)),
    replicas: MUNICIPALITY_REPLICAS,
  },
  {
    role: 'issuance-service',
    entry: fileURLToPath(new URL('./issuance-service/main.ts', import.meta.url)),
    replicas: ISSUANCE_SERVICE_REPLICAS,
  },
  {
    role: 'relay',
    entry: fileURLToPath(new URL('./relay/main.ts', import.meta.url)),
    replicas: RELAY_REPLICAS,
  },
];

export function references(): readonly ReferenceInfo[] {
  return REFERENCES;
}

export function referenceFor(role: string): ReferenceInfo {
  const found = REFERENCES.find((r) => r.role === role);
  if (!found) {
    throw new TekigoUsageError(
      'NO_REFERENCE',
      `tekigo has no reference implementation of ${role} yet; use --target with the URL of an implementation (roles with a reference: ${REFERENCES.map((r) => r.role).join(', ')})`,
    );
  }
  return found;
}

export function allReplicas(role?: string): ReplicaInfo[] {
  return REFERENCES.filter((r) => role === undefined || r.role === role).flatMap((r) => r.replicas);
}
