import { type CardBatchPoll, checkCardBatchPolls } from '../../src/checks/check-card-batch-polls.ts';
import { exchangesOf } from '../../src/checks/index.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { definitionFailsAlready } from '../../src/conformance/early-conclusion.ts';
import { nationalCenter } from './adapter.ts';
import {
  cardBatch,
  change,
  MUNICIPALITY,
  NOTICES,
  outcomesOf,
  planResidents,
  pollBatch,
  requireAccepted,
  sendChanges,
  setHooks,
  submitCardBatch,
} from './nc-scenario.ts';

// Card production (INC-2015-CARD): a batch is never shown completed before its records are
// registered, and a crash in the middle of it loses nothing the center acknowledged.
const suite = conformanceSuite(nationalCenter);
const TERMINAL = new Set(['completed', 'failed', 'partially-completed']);

suite.test(
  {
    id: 'NC-C01',
    title:
      'a card batch killed mid-processing and restarted keeps what it registered, is never completed early, and its counts always agree',
    requirements: ['NC-CARD-002', 'NC-CARD-003', 'NC-CARD-004', 'NC-CARD-005', 'GEN-ACK-001', 'GEN-ACK-002'],
    timeoutMs: 60_000,
  },
  async (t) => {
    const control = t.control();
    const { deliveryBoundMs } = t.env.capabilities.parameters;
    const residents = planResidents(5);
    const unknown = residents.pop();
    if (!unknown) throw new Error('five residents planned');
    const births = residents.map((r) => change(r.residentCode, 'birth', { items: r.items }));
    requireAccepted(await sendChanges(t, births), 'births of new residents');
    // Two records are decided, then the batch is held in processing: the crash falls mid-batch.
    await setHooks(t, { cardProcessing: { hold: 'processing', decideBeforeHold: 2 } });
    const codes = residents.map((r) => r.residentCode);
    const batch = cardBatch([codes[0], codes[1], unknown.residentCode, codes[2], codes[3]] as string[]);
    const accepted = await submitCardBatch(t, batch);
    if (accepted.status !== 202)
      t.check(
        'GEN-ACK-002',
        false,
        `the card batch was answered ${accepted.status}, not 202`,
        t.latest('card-production'),
      );
    const polls: CardBatchPoll[] = [];
    const poll = async () => {
      const read = await pollBatch(t, batch.batchId);
      polls.push(read);
      return read;
    };
    await t.waitFor(
      'two records decided',
      async () => {
        const read = await poll();
        return (read.body?.records.filter((r) => r.outcome !== 'pending').length ?? 0) >= 2
          ? true
          : undefined;
      },
      { timeoutMs: 5_000, intervalMs: 50 },
    );
    await poll();
    const beforeCrash = polls.length;
    await control.crashAndRestart();
    await poll();
    // The births were answered accepted before the crash: delivered again, they are duplicates.
    const again = await sendChanges(t, births);
    const outcomes = outcomesOf(again);
    t.check(
      'GEN-ACK-001',
      outcomes.length === births.length && outcomes.every((o) => o === 'duplicate'),
      `the ${births.length} births accepted before the crash, sent again after it, were answered ${outcomes.join(', ') || again.status}`,
      t.latest('resident-changes'),
    );
    await poll();
    await setHooks(t, {});
    // After the crash every failure of the check is final (a poll that showed it stays in the
    // evidence): a target caught completing early or losing records is judged at once.
    const input = () => ({ recordIds: batch.records.map((r) => r.recordId), polls, beforeCrash });
    const concludeIf = definitionFailsAlready(checkCardBatchPolls, input);
    await t.waitFor(
      'every record decided',
      async () => {
        const read = await poll();
        return read.body &&
          TERMINAL.has(read.body.state) &&
          read.body.records.every((r) => r.outcome !== 'pending')
          ? true
          : undefined;
      },
      { timeoutMs: deliveryBoundMs + 2_000, intervalMs: 50, concludeIf },
    );
    // The center queues the batch's registration notice when it ends the batch: once the
    // municipality has it, the batch's final state is settled, and one more poll shows it.
    await t.waitFor(
      "the batch's registration notice",
      async () =>
        exchangesOf(await t.env.mock(MUNICIPALITY).ledgerEntries(), NOTICES).some(
          (e) => (e.requestBody as { batchId?: string } | null)?.batchId === batch.batchId,
        )
          ? true
          : undefined,
      { timeoutMs: deliveryBoundMs, intervalMs: 50, concludeIf },
    );
    await poll();
    t.apply(checkCardBatchPolls, input());
  },
);
