import { checkDigestRevocations } from '../../src/checks/check-digest-revocations.ts';
import { checkLinkedRevocations } from '../../src/checks/check-linked-revocations.ts';
import { checkDeliveredWithin, checkNoResendAfterRejection } from '../../src/checks/index.ts';
import { type ConformanceTest, conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { PERMANENT_REJECTION } from '../../src/conformance/profiles/problem-types.ts';
import { nationalCenter } from './adapter.ts';
import {
  AUTHORITY,
  change,
  digestOf,
  issuance,
  NEW_ADDRESS,
  pause,
  planResidents,
  REVOCATIONS,
  requireAccepted,
  residentsWithCertificates,
  revocationEntries,
  revocationsBySerial,
  sendChanges,
  sendIssuances,
} from './nc-scenario.ts';

// Linked revocation (INC-2004-JPKI): what the center asks the authority to revoke, and when.
const suite = conformanceSuite(nationalCenter);

/** Waits until each serial has had a request answered for it; a short watch follows. */
async function awaitRevoked(t: ConformanceTest, serials: readonly string[]) {
  const { deliveryBoundMs } = t.env.capabilities.parameters;
  await t.waitFor(
    'the revocations accepted',
    async () => {
      const bySerial = revocationsBySerial(await revocationEntries(t), { answered: true });
      return serials.every((s) => bySerial.has(s)) ? true : undefined;
    },
    { timeoutMs: deliveryBoundMs + 1_000, intervalMs: 50 },
  );
  // A second request for the same certificate would follow at once: watch a moment longer.
  await pause(300);
  return revocationEntries(t);
}

suite.test(
  {
    id: 'NC-R01',
    title:
      'a move-out revokes each linked certificate exactly once within the bound, through transient failures and past a permanent rejection',
    requirements: ['NC-REV-001', 'NC-REV-002', 'NC-REV-003', 'GEN-SEND-006', 'GEN-SEND-007'],
  },
  async (t) => {
    const { deliveryBoundMs } = t.env.capabilities.parameters;
    const residents = planResidents(6);
    const [refused, bystander] = [residents[0], residents[5]];
    if (!refused || !bystander) throw new Error('six residents planned');
    const movers = residents.slice(1, 5);
    await residentsWithCertificates(t, residents);
    await t.env.mock(AUTHORITY).setFaults({
      rules: [
        {
          id: 'fail-twice',
          interface: REVOCATIONS,
          when: { calls: { from: 1, to: 2 } },
          action: { kind: 'status', status: 500 },
        },
        {
          id: 'reject-first-mover',
          interface: REVOCATIONS,
          when: { records: { pointer: '/serialNumber', in: [refused.serialNumber] } },
          action: { kind: 'reject-records', problem: PERMANENT_REJECTION },
        },
      ],
    });
    const sinceEpochMs = Date.now();
    // The refused revocation is caused first, alone, so that a sender that lets it block shows it.
    const first = change(refused.residentCode, 'move-out', { items: { address: NEW_ADDRESS } });
    requireAccepted(await sendChanges(t, [first]), 'a move-out of a resident it holds');
    await pause(50);
    const later = movers.map((r) => change(r.residentCode, 'move-out', { items: { address: NEW_ADDRESS } }));
    requireAccepted(await sendChanges(t, later), 'move-outs of residents it holds');
    const entries = await awaitRevoked(
      t,
      movers.map((r) => r.serialNumber),
    );
    t.record(
      checkDeliveredWithin(AUTHORITY, entries, REVOCATIONS, {
        requirement: 'GEN-SEND-007',
        keys: movers.map((r) => r.serialNumber),
        naturalKey: 'serialNumber',
        sinceEpochMs,
        boundMs: deliveryBoundMs,
        schedulingDelay: t.schedulingDelay(),
      }),
    );
    t.record(
      checkNoResendAfterRejection(
        AUTHORITY,
        entries,
        REVOCATIONS,
        t.env.capabilities.parameters.requestTimeoutMs,
      ),
    );
    t.apply(checkLinkedRevocations, {
      ledger: AUTHORITY,
      entries,
      caused: [refused, ...movers].map((r, i) => ({
        serialNumber: r.serialNumber,
        changeRecordId: (i === 0 ? first : later[i - 1])?.recordId ?? '',
        reason: 'move-out',
      })),
      untouched: [bystander.serialNumber],
    });
  },
);

suite.test(
  {
    id: 'NC-R02',
    title:
      'an issuance over other items is revoked once as a correction; a correction that keeps the items revokes nothing',
    requirements: ['NC-ISS-003', 'NC-REV-005', 'NC-REV-006'],
  },
  async (t) => {
    const [kept, mismatched] = planResidents(2);
    if (!kept || !mismatched) throw new Error('two residents planned');
    requireAccepted(
      await sendChanges(
        t,
        [kept, mismatched].map((r) => change(r.residentCode, 'birth', { items: r.items })),
      ),
      'births of new residents',
    );
    requireAccepted(
      await sendIssuances(t, [issuance(kept, digestOf(kept.items))]),
      'an issuance notice over the current items',
    );
    // The correction first: a center that wrongly revokes for it does so before the other request.
    requireAccepted(
      await sendChanges(t, [
        change(kept.residentCode, 'correction', { items: { address: kept.items.address } }),
      ]),
      'a correction that keeps the items',
    );
    const notice = issuance(mismatched, digestOf({ ...mismatched.items, address: NEW_ADDRESS }));
    requireAccepted(await sendIssuances(t, [notice]), 'an issuance notice over other items');
    const entries = await awaitRevoked(t, [mismatched.serialNumber]);
    t.apply(checkDigestRevocations, {
      ledger: AUTHORITY,
      entries,
      mismatched: [{ serialNumber: mismatched.serialNumber, noticeRecordId: notice.recordId }],
      unchanged: [kept.serialNumber],
    });
  },
);
