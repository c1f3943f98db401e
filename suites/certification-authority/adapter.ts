import type { RoleAdapter, UpperTesterAdapter } from '../../src/conformance/profiles/role-adapter.ts';
import {
  CERTIFICATE_ISSUANCES,
  ISSUANCES,
  type IssuedCertificate,
  NATIONAL_CENTER,
  REVOCATIONS,
} from './ca-scenario.ts';

/** The CA's upper tester: a stimulus issues certificates; certificate-status shows whether one was. */
const UPPER_TESTER: UpperTesterAdapter<IssuedCertificate> = {
  id: 'CA-V08',
  via: CERTIFICATE_ISSUANCES,
  stimulusBody: (certificates) => ({ kind: 'issue-certificates', certificates }),
  async lookup(client, certificate) {
    const answer = await client.get(`/certificate-status/${certificate.serialNumber}`, {
      interface: 'certificate-status',
      responseType: 'certificate-status/status-response',
    });
    const status = (answer.body as { status?: string } | null)?.status;
    return {
      answer,
      absent: answer.status === 200 && status === 'unknown',
      message: `certificate-status of its serial answered ${status ?? answer.status} (expected unknown: nothing issued)`,
    };
  },
};

/** How the generic profiles drive the certification authority. */
export const certificationAuthority: RoleAdapter = {
  role: 'certification-authority',
  peers: [NATIONAL_CENTER],
  ids: { health: 'CA-C01' },
  probes: [{ path: '/certificate-status/0000000000000000', interface: 'certificate-status' }],
  sends: [CERTIFICATE_ISSUANCES],
  reconciliation: { id: 'CA-R01', via: CERTIFICATE_ISSUANCES, interfaces: [ISSUANCES, REVOCATIONS] },
  upperTester: UPPER_TESTER as UpperTesterAdapter,
};
