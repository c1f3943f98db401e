import type {
  ObservabilityAdapter,
  ReceiverAdapter,
  RoleAdapter,
  UpperTesterAdapter,
} from '../../src/conformance/profiles/role-adapter.ts';
import {
  CERTIFICATE_ISSUANCES,
  certificateStatus,
  ISSUANCES,
  type IssuedCertificate,
  issueCertificates,
  NATIONAL_CENTER,
  REVOCATIONS,
  type RevocationRecord,
  revocationBatch,
  revocationOf,
} from './ca-scenario.ts';

/**
 * The CA receives revocation requests from the national center: a valid record revokes a
 * certificate the CA issued, so preparing records issues their certificates first; a record's
 * effect is its certificate answered revoked.
 */
const REVOCATION_REQUESTS: ReceiverAdapter<RevocationRecord> = {
  ids: {
    hostileBodies: 'CA-V01',
    bounds: 'CA-V03',
    connections: 'CA-V04',
    hostileInput: 'CA-V10',
    fuzz: 'CA-V11',
  },
  interface: REVOCATIONS,
  path: '/revocation-requests',
  recordId: 'recordId',
  requestType: 'revocation-requests/batch-request',
  responseType: 'revocation-requests/batch-result',
  async prepare(t, count) {
    const { certificates } = await issueCertificates(t, count);
    return certificates.map((c) => revocationOf(c, 'move-out'));
  },
  batch: revocationBatch,
  async effect(t, record) {
    const { answer, body } = await certificateStatus(t, record.serialNumber);
    return {
      applied: body.status !== 'good',
      answer,
      message: `the certificate it named was ${body.status ?? answer.status}`,
    };
  },
};

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

/** Unknown CA paths, and refusals of certificates whose holder's items are invalid or already issued. */
const OBSERVABILITY: ObservabilityAdapter<IssuedCertificate> = {
  id: 'CA-V07',
  unknownPaths: [
    ['GET', '/certificate-status'],
    ['POST', '/revocation-requests/extra'],
  ],
  stimuli: UPPER_TESTER,
  // An overlong name, a kana reading with a Latin letter and an impossible date of birth.
  spoil(certificate) {
    const { items } = certificate;
    const personal = {
      ...items,
      name: { kanji: `${items.name.kanji}${'𠮷'.repeat(100)}`, kana: `${items.name.kana}X` },
      dateOfBirth: '1990-02-30',
    };
    return { record: { ...certificate, items: personal }, personal };
  },
  spoilt: 'a stimulus with an invalid name and date of birth',
  taken: 'a stimulus for a serial already issued',
  personalOf: (certificate) => certificate.items,
};

/** How the generic profiles drive the certification authority. */
export const certificationAuthority: RoleAdapter = {
  role: 'certification-authority',
  peers: [NATIONAL_CENTER],
  ids: { health: 'CA-C01', internalFailure: 'CA-V12' },
  probes: [{ path: '/certificate-status/0000000000000000', interface: 'certificate-status' }],
  sends: [CERTIFICATE_ISSUANCES],
  reconciliation: { id: 'CA-R01', via: CERTIFICATE_ISSUANCES, interfaces: [ISSUANCES, REVOCATIONS] },
  upperTester: UPPER_TESTER as UpperTesterAdapter,
  observability: OBSERVABILITY as ObservabilityAdapter,
  receives: [REVOCATION_REQUESTS as ReceiverAdapter],
  productionCall: {
    notApplicable:
      'the certification authority sends issuance notices only when its upper tester asks it to issue certificates, and the production profile serves no upper tester: nothing another party sends it makes it call the center',
  },
};
