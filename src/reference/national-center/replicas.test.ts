import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startNationalCenter } from './national-center.ts';
import {
  acknowledge,
  call,
  cardBatch,
  change,
  env,
  FAST,
  ITEMS,
  issuance,
  outcomes,
  RESIDENTS,
  rejectRevocationsOf,
  revocationsSent,
  sendChanges,
  sendIssuances,
  start,
  today,
  waitFor,
} from './nc-test-harness.ts';
import { REPLICA_NAMES, REPLICAS } from './replicas.ts';

const [A, B] = RESIDENTS;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const batchStatus = async (batchId: string) => (await call('GET', `/card-batches/${batchId}`)).body;

/** A batch of two held residents, held in processing before any record is decided. */
async function heldBatch(): Promise<string> {
  await sendChanges([change(A, 'birth'), change(B, 'birth')]);
  await call('PUT', '/conformance/hooks', { cardProcessing: { hold: 'processing', decideBeforeHold: 0 } });
  const batch = cardBatch([A, B]);
  await call('POST', '/card-batches', batch);
  await pause(150);
  return batch.batchId;
}

describe('national-center replicas', () => {
  it('are data: unique names, each declaring the requirement ids it violates', () => {
    expect(new Set(REPLICA_NAMES).size).toBe(REPLICAS.length);
    expect(REPLICAS.filter((replica) => replica.kind === 'mutant').length).toBeGreaterThanOrEqual(5);
    for (const replica of REPLICAS) expect(replica.violates.length).toBeGreaterThan(0);
  });

  it('nc-false-completed shows a batch completed while its records are pending', async () => {
    await start({ replica: 'nc-false-completed' });
    const body = await batchStatus(await heldBatch());
    expect(body.state).toBe('completed');
    expect(body.counts.pending).toBe(2);
  });

  it('nc-counts-disagree shows counts that disagree with the per-record outcomes', async () => {
    await start({ replica: 'nc-counts-disagree' });
    const body = await batchStatus(await heldBatch());
    expect(body.records.map((r: { outcome: string }) => r.outcome)).toEqual(['pending', 'pending']);
    expect(body.counts).toMatchObject({ pending: 0, registered: 2 });
  });

  it('nc-notice-fire-and-forget never re-sends a notice whose acknowledgement was lost', async () => {
    await start(
      { replica: 'nc-notice-fire-and-forget' },
      { municipality: (_a, res) => res.writeHead(503).end() },
    );
    await sendChanges([change(A, 'birth')]);
    await call('POST', '/card-batches', cardBatch([A]));
    await waitFor(
      () => env.municipality.arrivals.length,
      (n) => n === 1,
    );
    await pause(400);
    expect(env.municipality.arrivals).toHaveLength(1);
  });

  it('nc-new-notice-id-on-resend gives a re-sent notice a new noticeId', async () => {
    await start(
      { replica: 'nc-new-notice-id-on-resend' },
      {
        municipality: (arrival, res, n) =>
          n === 1 ? res.writeHead(503).end() : acknowledge(arrival, res, n),
      },
    );
    await sendChanges([change(A, 'birth')]);
    await call('POST', '/card-batches', cardBatch([A]));
    await waitFor(
      () => env.municipality.arrivals.length,
      (n) => n === 2,
    );
    const [first, second] = env.municipality.arrivals;
    expect(first?.body.noticeId).not.toBe(second?.body.noticeId);
  });

  it('nc-revocation-blocks holds every later revocation behind one the authority rejects', async () => {
    await start({ replica: 'nc-revocation-blocks' }, { authority: rejectRevocationsOf(A) });
    await sendChanges([change(A, 'birth'), change(B, 'birth')]);
    await sendIssuances([issuance(A), issuance(B)]);
    await sendChanges([change(A, 'death')]);
    await waitFor(revocationsSent, (sent) => sent.length >= 1);
    await sendChanges([change(B, 'death')]);
    await pause(600);
    expect(revocationsSent().some((r) => r.residentCode === B)).toBe(false);
  });

  it('nc-lower-sequence-overwrites accepts a change with a lower sequence', async () => {
    await start({ replica: 'nc-lower-sequence-overwrites' });
    await sendChanges([change(A, 'birth', { sequence: 10 }), change(A, 'address-change', { sequence: 30 })]);
    expect(outcomes(await sendChanges([change(A, 'name-change', { sequence: 20 })]))).toEqual(['accepted']);
  });

  it('nc-conflict-as-duplicate answers other content under a known recordId duplicate', async () => {
    await start({ replica: 'nc-conflict-as-duplicate' });
    const birth = change(A, 'birth');
    await sendChanges([birth]);
    expect(outcomes(await sendChanges([{ ...birth, effectiveDate: '2025-04-02' }]))).toEqual(['duplicate']);
  });

  it('nc-volatile-store forgets what it acknowledged when restarted', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tekigo-nc-volatile-'));
    try {
      await start({ replica: 'nc-volatile-store', dataDir });
      await sendChanges([change(A, 'birth')]);
      await env.center?.stop();
      env.center = await startNationalCenter({
        replica: 'nc-volatile-store',
        dataDir,
        testMode: true,
        params: FAST,
      });
      const report = await call('GET', `/reconciliation?date=${today()}&peer=municipality`);
      expect(report.body.entries[0].counts.accepted).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('nc-no-digest-check links a certificate issued over other items without revoking it', async () => {
    await start({ replica: 'nc-no-digest-check' });
    await sendChanges([change(A, 'birth')]);
    await sendIssuances([issuance(A, { itemsDigest: 'b'.repeat(64) })]);
    await pause(300);
    expect(revocationsSent()).toEqual([]);
  });

  it('nc-legacy-names stores 〓 for 𠮷: a certificate issued over the name as registered is revoked as a mismatch', async () => {
    await start({ replica: 'nc-legacy-names' });
    await sendChanges([change(A, 'birth')]);
    // ITEMS' name holds 𠮷; the notice's digest covers it as sent.
    await sendIssuances([issuance(A)]);
    await waitFor(revocationsSent, (sent) => sent.length === 1);
  });

  it('nc-revokes-on-every-correction revokes on a correction that changes nothing', async () => {
    await start({ replica: 'nc-revokes-on-every-correction' });
    await sendChanges([change(A, 'birth')]);
    await sendIssuances([issuance(A)]);
    await sendChanges([change(A, 'correction', { items: { sex: ITEMS.sex } })]);
    await waitFor(revocationsSent, (sent) => sent.length === 1);
  });
});
