import type { RoleAdapter } from '../../src/conformance/profiles/role-adapter.ts';
import { CERTIFICATE_ISSUANCES, ISSUANCES, NATIONAL_CENTER, REVOCATIONS } from './ca-scenario.ts';

/** How the generic profiles drive the certification authority. */
export const certificationAuthority: RoleAdapter = {
  role: 'certification-authority',
  peers: [NATIONAL_CENTER],
  ids: { health: 'CA-C01' },
  probes: [{ path: '/certificate-status/0000000000000000', interface: 'certificate-status' }],
  sends: [CERTIFICATE_ISSUANCES],
  reconciliation: { id: 'CA-R01', via: CERTIFICATE_ISSUANCES, interfaces: [ISSUANCES, REVOCATIONS] },
};
