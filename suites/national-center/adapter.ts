import type { RoleAdapter } from '../../src/conformance/profiles/role-adapter.ts';
import { AUTHORITY, MUNICIPALITY, REVOCATION_REQUESTS } from './nc-scenario.ts';

/**
 * How the generic profiles drive the national center. Its peers are the certification authority
 * (receives revocation requests) and the municipality (receives registration notices, one URL per
 * municipality code through PUT /conformance/peers). It has no stimulus kinds: the suite sends it
 * births, issuance notices and changes (see `nc-scenario.ts`).
 */
export const nationalCenter: RoleAdapter = {
  role: 'national-center',
  peers: [AUTHORITY, MUNICIPALITY],
  ids: { health: 'NC-H01' },
  probes: [{ path: '/card-batches/00000000-0000-4000-8000-000000000000', interface: 'card-production' }],
  sends: [REVOCATION_REQUESTS],
};
