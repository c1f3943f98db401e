import { checkChangeOutcomes } from '../../src/checks/check-change-outcomes.ts';
import { checkSequencePrecedence } from '../../src/checks/check-sequence-precedence.ts';
import { checkReconciliationAgreement } from '../../src/checks/index.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { reconciliationDay } from '../../src/reconciliation/accepted-digest.ts';
import {
  type ReconciliationReport,
  reconciliationEntry,
} from '../../src/reconciliation/reconciliation-entry.ts';
import { nationalCenter } from './adapter.ts';
import {
  AUTHORITY,
  type ChangeRecord,
  change,
  digestOf,
  issuance,
  MUNICIPALITY,
  outcomesOf,
  pause,
  planResidents,
  requireAccepted,
  revocationEntries,
  revocationsBySerial,
  sendChanges,
  sendIssuances,
} from './nc-scenario.ts';

// Resident changes that arrive late, twice, or re-sent with other content (INC-2003-NAGANO).
const suite = conformanceSuite(nationalCenter);
const RESIDENT_CHANGES = 'resident-changes';

suite.test(
  {
    id: 'NC-Q01',
    title:
      'out-of-order and duplicate resident changes: the highest sequence wins, duplicates have no second effect, reconciliation agrees',
    requirements: ['NC-SEQ-001', 'NC-SEQ-004', 'GEN-IDEM-001', 'GEN-IDEM-002', 'GEN-REC-002'],
  },
  async (t) => {
    const { deliveryBoundMs } = t.env.capabilities.parameters;
    const planned = planResidents(6);
    const residents = planned.slice(0, 3);
    const spare = planned.slice(3);
    const [late] = residents;
    if (!late) throw new Error('three residents planned');
    const answered = new Map<string, string>();
    const recordedAt = new Map<string, string>();
    const send = async (records: readonly ChangeRecord[]) => {
      const answer = await sendChanges(t, records);
      outcomesOf(answer).forEach((o, i) => {
        const record = records[i];
        if (record && !answered.has(record.recordId)) {
          answered.set(record.recordId, o);
          recordedAt.set(record.recordId, record.recordedAt);
        }
      });
      return { answer, ref: { ledger: 'suite', seq: answer.entry.seq } };
    };
    const births = residents.map((r) => change(r.residentCode, 'birth', { items: r.items }));
    requireAccepted((await send(births)).answer, 'births of new residents');
    // Per resident, an older change (lower sequence) and a newer one, with different addresses.
    const pairs = residents.map((r, i) => {
      const addresses = { older: `${r.items.address}旧${i}`, newer: `${r.items.address}新${i}` };
      const older = change(r.residentCode, 'address-change', { items: { address: addresses.older } });
      const newer = change(r.residentCode, 'address-change', { items: { address: addresses.newer } });
      return { resident: r, older, newer, addresses };
    });
    const [first, ...others] = pairs;
    if (!first) throw new Error('pairs planned');
    // One resident: the newer change arrives first, the older one after it was answered.
    await send([first.newer]);
    const stale = await send([first.older]);
    // The others: both changes in concurrent requests, the newer one started first.
    await Promise.all(others.flatMap((p) => [send([p.newer]), send([p.older])]));
    // The newer change delivered again, then its recordId with other content.
    const again = await send([first.newer]);
    const altered = { ...first.newer, items: { address: `${late.items.address}別` } };
    const conflict = await sendChanges(t, [altered]);
    t.apply(checkChangeOutcomes, [
      {
        requirement: 'NC-SEQ-001',
        what: 'a change older than the one applied, arriving after it',
        expected: 'rejected:stale-sequence',
        answered: outcomesOf(stale.answer)[0],
        ref: stale.ref,
      },
      {
        requirement: 'GEN-IDEM-001',
        what: 'the applied change delivered a second time',
        expected: 'duplicate',
        answered: outcomesOf(again.answer)[0],
        ref: again.ref,
      },
      {
        requirement: 'GEN-IDEM-002',
        what: 'its recordId with another address',
        expected: 'rejected:conflict',
        answered: outcomesOf(conflict)[0],
        ref: { ledger: 'suite', seq: conflict.entry.seq },
      },
    ]);
    // The state each resident ends in, read through the digest check of certificate issuances.
    const certificates = pairs.map((p, i) => {
      const base = { ...p.resident.items };
      return {
        residentCode: p.resident.residentCode,
        current: issuance(
          { residentCode: p.resident.residentCode, serialNumber: p.resident.serialNumber },
          digestOf({ ...base, address: p.addresses.newer }),
        ),
        stale: issuance(
          { residentCode: p.resident.residentCode, serialNumber: spare[i]?.serialNumber ?? '' },
          digestOf({ ...base, address: p.addresses.older }),
        ),
      };
    });
    requireAccepted(
      await sendIssuances(
        t,
        certificates.flatMap((c) => [c.current, c.stale]),
      ),
      'issuance notices for residents it holds',
    );
    await t.waitFor(
      'a revocation for each resident',
      async () => {
        const bySerial = revocationsBySerial(await revocationEntries(t), { answered: true });
        return certificates.every(
          (c) => bySerial.has(c.current.serialNumber) || bySerial.has(c.stale.serialNumber),
        )
          ? true
          : undefined;
      },
      { timeoutMs: deliveryBoundMs + 1_000, intervalMs: 50 },
    );
    await pause(300);
    t.apply(checkSequencePrecedence, {
      ledger: AUTHORITY,
      entries: await revocationEntries(t),
      residents: certificates.map((c) => ({
        residentCode: c.residentCode,
        current: c.current.serialNumber,
        stale: c.stale.serialNumber,
      })),
    });
    // What the suite, as the sending municipality, saw accepted against what the center reports,
    // for the day of the first record (records count on the day of their recordedAt, Japan time).
    const day = reconciliationDay(births[0]?.recordedAt);
    const acceptedIds = [...answered]
      .filter(([id, o]) => o === 'accepted' && reconciliationDay(recordedAt.get(id)) === day)
      .map(([id]) => id);
    const sent = reconciliationEntry(
      RESIDENT_CHANGES,
      'outbound',
      {
        total: acceptedIds.length,
        accepted: acceptedIds.length,
        duplicate: 0,
        rejected: 0,
        pending: 0,
        deadLettered: 0,
      },
      acceptedIds,
    );
    const report = await t.env.sut.get(`/reconciliation?date=${day}&peer=${MUNICIPALITY}`, {
      interface: 'reconciliation',
      responseType: 'reconciliation/report',
    });
    t.record({
      ...checkReconciliationAgreement(
        { entries: [sent] },
        { entries: (report.body as ReconciliationReport | null)?.entries ?? [] },
        RESIDENT_CHANGES,
      ),
      evidence: [{ ledger: 'suite', seq: report.entry.seq }, ...t.latest(RESIDENT_CHANGES, 20)],
    });
  },
);
