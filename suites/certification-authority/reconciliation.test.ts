import {
  checkReconciliationAgreement,
  checkResendIdentity,
  cite,
  type ReconciliationEntries,
} from '../../src/checks/index.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { PERMANENT_REJECTION } from '../../src/conformance/profiles/problem-types.ts';
import { certificationAuthority } from './adapter.ts';
import {
  awaitSettled,
  deadLetters,
  ISSUANCES,
  issueCertificates,
  jstToday,
  NATIONAL_CENTER,
  planCertificates,
} from './ca-scenario.ts';

// Both sides must be able to prove they agree after faults: INC-2004-JPKI went unnoticed for
// two months because nobody compared counts.
const suite = conformanceSuite(certificationAuthority);

suite.test(
  {
    id: 'CA-R01',
    title:
      "after a lost acknowledgement, a 500 and a rejection, the authority's counts match the national center's",
    requirements: ['GEN-REC-001', 'GEN-REC-002', 'GEN-SEND-005'],
  },
  async (t) => {
    const { deliveryBoundMs, requestTimeoutMs, retry } = t.env.capabilities.parameters;
    const planned = planCertificates(20);
    const rejected = planned[2]?.serialNumber;
    await t.env.mock(NATIONAL_CENTER).setFaults({
      rules: [
        {
          id: 'reject-third',
          interface: ISSUANCES,
          when: { records: { pointer: '/serialNumber', in: [rejected] } },
          action: {
            kind: 'reject-records',
            problem: PERMANENT_REJECTION,
          },
        },
        // Stored, but the answer never comes: the authority must re-send with the same ids.
        {
          id: 'lose-first-ack',
          interface: ISSUANCES,
          when: { calls: { from: 1, to: 1 } },
          action: { kind: 'commit-then-hang' },
        },
        {
          id: 'fail-second',
          interface: ISSUANCES,
          when: { calls: { from: 2, to: 2 } },
          action: { kind: 'status', status: 500 },
        },
      ],
    });
    const issued = await issueCertificates(t, planned);
    await awaitSettled(t, issued.serials, requestTimeoutMs * 2 + retry.maxBackoffMs * 2 + deliveryBoundMs);
    // The rejected record must reach the dead letters before the counts are final.
    await t.waitFor(
      'the rejection dead-lettered',
      async () =>
        (await deadLetters(t)).some((l) => issued.recordIds.includes(l.recordId)) ? true : undefined,
      {
        timeoutMs: deliveryBoundMs,
      },
    );
    const entries = await t.env.mock(NATIONAL_CENTER).ledgerEntries();
    t.record(checkResendIdentity(NATIONAL_CENTER, entries, ISSUANCES, 'serialNumber'));

    const date = jstToday();
    const own = await t.env.sut.get(`/reconciliation?date=${date}&peer=national-center`, {
      interface: 'reconciliation',
      responseType: 'reconciliation/report',
    });
    const report = own.body as ReconciliationEntries | null;
    const valid = own.status === 200 && own.entry.validation.response?.valid === true;
    const covered = ['certificate-issuances', 'revocation-requests'].filter(
      (i) => !report?.entries?.some((e) => e.interface === i),
    );
    t.check(
      'GEN-REC-001',
      valid && covered.length === 0,
      !valid
        ? `GET /reconciliation answered ${own.status} with ${own.entry.validation.response?.valid ? 'a valid' : 'an invalid'} report`
        : covered.length
          ? `the report leaves out ${covered.join(', ')}`
          : 'the report validates and covers every interface',
      [{ ledger: 'suite', seq: own.entry.seq }],
    );
    const theirs = await t.env
      .peer(NATIONAL_CENTER)
      .get(`/reconciliation?date=${date}&peer=certification-authority`, {
        interface: 'reconciliation',
        responseType: 'reconciliation/report',
      });
    if (theirs.status !== 200)
      throw new Error(`the national-center mock answered ${theirs.status} to its reconciliation query`);
    if (report && Array.isArray(report.entries))
      t.record(
        ...cite(checkReconciliationAgreement(report, theirs.body as ReconciliationEntries, ISSUANCES), [
          { ledger: 'suite', seq: own.entry.seq },
          { ledger: 'suite', seq: theirs.entry.seq },
        ]),
      );
    else
      t.check('GEN-REC-002', false, 'the authority gave no reconciliation report to compare', [
        { ledger: 'suite', seq: own.entry.seq },
      ]);
  },
);
