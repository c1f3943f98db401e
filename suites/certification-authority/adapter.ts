import type { RoleAdapter } from '../../src/conformance/profiles/role-adapter.ts';
import { CERTIFICATE_ISSUANCES, NATIONAL_CENTER } from './ca-scenario.ts';

/** How the generic profiles drive the certification authority. */
export const certificationAuthority: RoleAdapter = {
  role: 'certification-authority',
  peers: [NATIONAL_CENTER],
  ids: { health: 'CA-C01' },
  probes: [{ path: '/certificate-status/0000000000000000', interface: 'certificate-status' }],
  sends: [CERTIFICATE_ISSUANCES],
};
