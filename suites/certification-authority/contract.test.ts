import {
  checkDeliveredWithin,
  checkSentMessagesValid,
  correlationEchoed,
  problemJson,
  recordAttempts,
  refusalNamesField,
} from '../../src/checks/index.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { ref } from '../../src/conformance/profiles/batch-receiver/receiver-judges.ts';
import { problemUri } from '../../src/conformance/profiles/problem-types.ts';
import { residentCode, withWrongCheckDigit } from '../../src/conformance/synthetic-data.ts';
import { canonicalJson, sha256Hex } from '../../src/spec/canonical-json.ts';
import { certificationAuthority } from './adapter.ts';
import { awaitSettled, ISSUANCES, issueCertificates, NATIONAL_CENTER } from './ca-scenario.ts';

// Contract of what the certification authority serves and sends, with healthy peers.
const suite = conformanceSuite(certificationAuthority);

suite.test(
  {
    id: 'CA-C02',
    title: 'sends one valid notice per issued certificate, with the digest of the four items',
    requirements: ['GEN-SEND-001', 'CA-ISS-001', 'CA-ISS-002'],
  },
  async (t) => {
    const bound = t.env.capabilities.parameters.deliveryBoundMs;
    const issued = await issueCertificates(t, 5);
    const entries = await awaitSettled(t, issued.serials, bound + 1_000);
    t.record(checkSentMessagesValid(NATIONAL_CENTER, entries, ISSUANCES));
    t.record(
      checkDeliveredWithin(NATIONAL_CENTER, entries, ISSUANCES, {
        requirement: 'CA-ISS-001',
        keys: issued.serials,
        naturalKey: 'serialNumber',
        sinceEpochMs: issued.sinceEpochMs,
        boundMs: bound,
        schedulingDelay: t.schedulingDelay(),
      }),
    );
    const attempts = recordAttempts(entries, ISSUANCES);
    const idsPerSerial = new Map<string, Set<string>>();
    for (const a of attempts) {
      const set = idsPerSerial.get(String(a.record.serialNumber)) ?? new Set();
      set.add(a.recordId);
      idsPerSerial.set(String(a.record.serialNumber), set);
    }
    const extra = [...idsPerSerial].filter(
      ([serial, ids]) => !issued.serials.includes(serial) || ids.size !== 1,
    );
    t.check(
      'CA-ISS-001',
      extra.length === 0,
      extra.length === 0
        ? 'one notice (one recordId) per certificate'
        : `${extra.length} certificate(s) announced under more than one recordId or never issued`,
      attempts.map((a) => ({ ledger: NATIONAL_CENTER, seq: a.exchange.seq })),
    );
    for (const certificate of issued.certificates) {
      const notice = attempts.find((a) => a.record.serialNumber === certificate.serialNumber);
      if (!notice) continue;
      const expected = sha256Hex(canonicalJson(certificate.items));
      t.check(
        'CA-ISS-002',
        notice.record.itemsDigest === expected,
        `serial ${certificate.serialNumber}: itemsDigest ${String(notice.record.itemsDigest).slice(0, 16)}… ${notice.record.itemsDigest === expected ? 'matches' : `differs from the expected ${expected.slice(0, 16)}…`}`,
        [{ ledger: NATIONAL_CENTER, seq: notice.exchange.seq }],
      );
    }
  },
);

suite.test(
  {
    id: 'CA-C03',
    title: 'certificate status follows revocation at once; repeated and unknown revocations',
    requirements: ['CA-STAT-001', 'CA-REV-001', 'CA-REV-002', 'CA-REV-003'],
  },
  async (t) => {
    const issued = await issueCertificates(t, 2);
    const [serial] = issued.serials;
    const [certificate] = issued.certificates;
    if (!serial || !certificate) throw new Error('stimulus returned no certificate');
    const status = (s: string) =>
      t.env.sut.get(`/certificate-status/${s}`, {
        interface: 'certificate-status',
        responseType: 'certificate-status/status-response',
      });
    const statusOf = (r: { body: unknown }) => (r.body as { status?: string } | null)?.status;

    const before = await status(serial);
    t.check(
      'CA-STAT-001',
      before.status === 200 && statusOf(before) === 'good',
      `issued certificate: status ${statusOf(before) ?? before.status}`,
      [{ ledger: 'suite', seq: before.entry.seq }],
    );
    const unknown = await status('00000000DEADBEEF');
    t.check(
      'CA-STAT-001',
      unknown.status === 200 && statusOf(unknown) === 'unknown',
      `unknown serial: status ${statusOf(unknown) ?? unknown.status}`,
      [{ ledger: 'suite', seq: unknown.entry.seq }],
    );

    const revocation = {
      batchId: crypto.randomUUID(),
      sentAt: new Date().toISOString(),
      records: [
        {
          recordId: crypto.randomUUID(),
          recordedAt: new Date().toISOString(),
          serialNumber: serial,
          residentCode: certificate.residentCode,
          reason: 'move-out',
        },
      ],
    };
    const send = (body: unknown) =>
      t.env.sut.post('/revocation-requests', body, {
        interface: 'revocation-requests',
        requestType: 'revocation-requests/batch-request',
        responseType: 'revocation-requests/batch-result',
      });
    const outcomeOf = (r: { body: unknown }) =>
      (r.body as { results?: { outcome?: string; problem?: { type?: string } }[] } | null)?.results?.[0];

    const first = await send(revocation);
    const after = await status(serial);
    t.check(
      'CA-REV-001',
      outcomeOf(first)?.outcome === 'accepted' && statusOf(after) === 'revoked',
      `revocation answered ${outcomeOf(first)?.outcome ?? first.status}; certificate-status right after: ${statusOf(after) ?? after.status}`,
      [
        { ledger: 'suite', seq: first.entry.seq },
        { ledger: 'suite', seq: after.entry.seq },
      ],
    );
    const again = await send({ ...revocation, batchId: crypto.randomUUID() });
    const later = await status(serial);
    const revokedAt = (r: { body: unknown }) => (r.body as { revokedAt?: string } | null)?.revokedAt;
    t.check(
      'CA-REV-002',
      outcomeOf(again)?.outcome === 'duplicate' &&
        statusOf(later) === 'revoked' &&
        revokedAt(later) === revokedAt(after),
      `repeated revocation answered ${outcomeOf(again)?.outcome ?? again.status}; revokedAt ${revokedAt(after)} then ${revokedAt(later)}`,
      [
        { ledger: 'suite', seq: again.entry.seq },
        { ledger: 'suite', seq: later.entry.seq },
      ],
    );
    const unknownRevocation = await send({
      ...revocation,
      batchId: crypto.randomUUID(),
      records: [
        { ...revocation.records[0], recordId: crypto.randomUUID(), serialNumber: '00000000DEADBEEF' },
      ],
    });
    const result = outcomeOf(unknownRevocation);
    t.check(
      'CA-REV-003',
      result?.outcome === 'rejected' && result.problem?.type === problemUri('unknown-certificate'),
      `revocation of an unknown serial answered ${result?.outcome ?? unknownRevocation.status} ${result?.problem?.type ?? ''}`.trim(),
      [{ ledger: 'suite', seq: unknownRevocation.entry.seq }],
    );
  },
);

suite.test(
  {
    id: 'CA-C04',
    title: 'rejects malformed revocation requests with a problem naming the field',
    requirements: ['GEN-VAL-001', 'GEN-ERR-001', 'GEN-OBS-001'],
  },
  async (t) => {
    const valid = {
      batchId: crypto.randomUUID(),
      sentAt: new Date().toISOString(),
      records: [
        {
          recordId: crypto.randomUUID(),
          recordedAt: new Date().toISOString(),
          serialNumber: '7E00000000000001',
          residentCode: residentCode(1),
          reason: 'death',
        },
      ],
    };
    const cases: {
      what: string;
      body: unknown;
      headers?: Record<string, string>;
      status: number;
      pointer?: string;
    }[] = [
      {
        what: 'lower-case serial number',
        body: { ...valid, records: [{ ...valid.records[0], serialNumber: '7e00000000000001' }] },
        status: 400,
        pointer: '/records/0/serialNumber',
      },
      {
        what: 'resident code with a wrong check digit',
        body: {
          ...valid,
          records: [{ ...valid.records[0], residentCode: withWrongCheckDigit(residentCode(1)) }],
        },
        status: 400,
        pointer: '/records/0/residentCode',
      },
      {
        what: 'unknown reason',
        body: { ...valid, records: [{ ...valid.records[0], reason: 'boredom' }] },
        status: 400,
        pointer: '/records/0/reason',
      },
      { what: 'empty batch', body: { ...valid, records: [] }, status: 400, pointer: '/records' },
      {
        what: 'invalid JSON',
        body: '{"batchId": ',
        headers: { 'content-type': 'application/json' },
        status: 400,
      },
      {
        what: 'control characters and deep nesting',
        body: { ...valid, batchId: 'a\u0000b', extra: JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`) },
        status: 400,
      },
      {
        what: 'a text/plain body',
        body: JSON.stringify(valid),
        headers: { 'content-type': 'text/plain' },
        status: 415,
      },
    ];
    for (const c of cases) {
      const answer = await t.env.sut.post('/revocation-requests', c.body, {
        interface: 'revocation-requests',
        ...(c.headers ? { headers: c.headers } : {}),
      });
      const recorded = { what: c.what, status: answer.status, body: answer.body, evidence: [ref(answer)] };
      t.apply(refusalNamesField('GEN-VAL-001'), {
        ...recorded,
        expectedStatus: c.status,
        ...(c.pointer ? { pointer: c.pointer } : {}),
      });
      t.apply(problemJson, {
        ...recorded,
        contentType: answer.headers['content-type'],
        validProblem: answer.entry.validation.response?.valid,
      });
      t.apply(correlationEchoed, {
        ...recorded,
        sent: answer.correlationId,
        header: answer.headers['x-correlation-id'],
        inBody: true,
      });
    }
  },
);
