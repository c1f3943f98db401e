import { describe, expect, it } from 'vitest';
import {
  call,
  change,
  env,
  ITEMS,
  issuance,
  NAGANO,
  outcomes,
  RESIDENTS,
  rejectRevocationsOf,
  revocationsSent,
  sendChanges,
  sendIssuances,
  start,
  TOKYO,
  today,
  waitFor,
} from './nc-test-harness.ts';

const [A, B, C] = RESIDENTS;

describe('resident-changes', () => {
  it('answers one result per record in request order, a move-in applied before the changes after it', async () => {
    await start();
    const results = await sendChanges([
      change(A, 'birth'),
      change(B, 'move-in'),
      change(B, 'address-change'),
      change(C, 'death'),
    ]);
    expect(outcomes(results)).toEqual(['accepted', 'accepted', 'accepted', 'unknown-resident']);
    expect(results[3].problem.status).toBe(404);
  });

  it('answers a re-sent record duplicate and the same recordId with other content conflict', async () => {
    await start();
    const birth = change(A, 'birth');
    await sendChanges([birth]);
    const again = await sendChanges([birth, { ...birth, effectiveDate: '2025-04-02' }]);
    expect(outcomes(again)).toEqual(['duplicate', 'conflict']);
    // municipalityCode is part of the content (d-content).
    expect(outcomes(await sendChanges([birth], NAGANO))).toEqual(['conflict']);
    const report = await call('GET', `/reconciliation?date=${today()}&peer=municipality`);
    expect(env.spec.validate('reconciliation/report', report.body).errors).toEqual([]);
    const entry = report.body.entries.find((e: { interface: string }) => e.interface === 'resident-changes');
    expect(entry.counts).toMatchObject({ total: 1, accepted: 1, duplicate: 1 });
  });

  it('never lets a lower sequence overwrite a higher one, and compares sequences per municipality', async () => {
    await start();
    await sendChanges([change(A, 'birth', { sequence: 10 })]);
    await sendChanges([change(A, 'address-change', { sequence: 30 })]);
    const stale = await sendChanges([change(A, 'name-change', { sequence: 20 })]);
    expect(outcomes(stale)).toEqual(['stale-sequence']);
    expect(stale[0].problem.status).toBe(409);
    // A gap is no reason to wait or refuse (NC-SEQ-002).
    expect(outcomes(await sendChanges([change(A, 'name-change', { sequence: 500 })]))).toEqual(['accepted']);
    // The same municipality and sequence under another recordId is a conflict (NC-SEQ-003).
    expect(outcomes(await sendChanges([change(B, 'birth', { sequence: 500 })]))).toEqual(['conflict']);
    // After a move to Nagano, Nagano's low sequences order the resident; Tokyo's changes are refused.
    expect(outcomes(await sendChanges([change(A, 'move-in', { sequence: 3 })], NAGANO))).toEqual([
      'accepted',
    ]);
    expect(outcomes(await sendChanges([change(A, 'address-change', { sequence: 4 })], NAGANO))).toEqual([
      'accepted',
    ]);
    expect(outcomes(await sendChanges([change(A, 'address-change', { sequence: 900 })], TOKYO))).toEqual([
      'unknown-resident',
    ]);
  });

  it('applies the change rules: births, move-ins from the current municipality, changes after a death', async () => {
    await start();
    await sendChanges([change(A, 'birth')]);
    expect(outcomes(await sendChanges([change(A, 'birth')]))).toEqual(['conflict']);
    expect(outcomes(await sendChanges([change(A, 'move-in')]))).toEqual(['conflict']);
    expect(outcomes(await sendChanges([change(A, 'death'), change(A, 'correction')]))).toEqual([
      'accepted',
      'unknown-resident',
    ]);
    // Whole-message validation: a birth without its items is refused as a whole, naming the field.
    const { items: _items, ...bare } = change(B, 'birth');
    const res = await call('POST', '/resident-changes', {
      batchId: crypto.randomUUID(),
      sentAt: new Date().toISOString(),
      municipalityCode: TOKYO,
      records: [bare],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.length).toBeGreaterThan(0);
  });
});

describe('certificate-issuances and linked revocation', () => {
  it('links a certificate and revokes it once after a move-out, while the authority fails transiently', async () => {
    let failures = 2;
    await start(
      {},
      {
        authority: ({ body }, res) => {
          if (failures-- > 0) return res.writeHead(503).end();
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              batchId: body.batchId,
              results: body.records.map(({ recordId }: { recordId: string }) => ({
                recordId,
                outcome: 'accepted',
              })),
            }),
          );
        },
      },
    );
    await sendChanges([change(A, 'birth'), change(B, 'birth')]);
    const notice = issuance(A);
    expect(outcomes(await sendIssuances([notice, issuance(B), issuance(C)]))).toEqual([
      'accepted',
      'accepted',
      'unknown-resident',
    ]);
    expect(revocationsSent()).toEqual([]);
    const moveOut = change(A, 'move-out');
    const acceptedAt = Date.now();
    await sendChanges([moveOut]);
    await waitFor(
      () => env.authority.arrivals.length,
      (n) => n >= 3,
    );
    const last = env.authority.arrivals.at(-1);
    expect(last && last.at - acceptedAt).toBeLessThan(env.center?.parameters.deliveryBoundMs ?? 0);
    const sent = revocationsSent();
    expect(new Set(sent.map((r) => r.recordId)).size).toBe(1);
    expect(sent[0]).toMatchObject({
      serialNumber: notice.serialNumber,
      residentCode: A,
      reason: 'move-out',
      changeRecordId: moveOut.recordId,
    });
    for (const arrival of env.authority.arrivals)
      expect(env.spec.validate('revocation-requests/batch-request', arrival.body).errors).toEqual([]);
    // Revoked: a later change requests nothing more; a duplicate of the change neither.
    await sendChanges([moveOut, change(A, 'address-change')]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(new Set(revocationsSent().map((r) => r.recordId)).size).toBe(1);
  });

  it('requests revocation of a certificate issued over other items, and not for an unchanged correction', async () => {
    await start();
    await sendChanges([change(A, 'birth'), change(B, 'birth')]);
    const mismatched = issuance(A, { itemsDigest: 'a'.repeat(64) });
    await sendIssuances([mismatched, issuance(B)]);
    await waitFor(revocationsSent, (sent) => sent.length === 1);
    expect(revocationsSent()[0]).toMatchObject({ reason: 'correction', changeRecordId: mismatched.recordId });
    await sendChanges([change(B, 'correction', { items: { sex: ITEMS.sex } })]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(revocationsSent()).toHaveLength(1);
  });

  it('dead-letters a rejected revocation without holding back the next one, and re-drives it', async () => {
    await start({}, { authority: rejectRevocationsOf(A) });
    await sendChanges([change(A, 'birth'), change(B, 'birth')]);
    await sendIssuances([issuance(A), issuance(B)]);
    await sendChanges([change(A, 'death')]);
    await sendChanges([change(B, 'death')]);
    await waitFor(revocationsSent, (sent) => sent.some((r) => r.residentCode === B));
    const letters = await waitFor(
      async () => (await call('GET', '/dead-letters?interface=revocation-requests')).body.items,
      (items) => items.length === 1,
    );
    expect(env.spec.validate('dead-letters/list', { items: letters }).errors).toEqual([]);
    const redriven = await call('POST', `/dead-letters/${letters[0].id}/redrive`);
    expect(redriven.status).toBe(202);
    await waitFor(
      () => revocationsSent().filter((r) => r.recordId === letters[0].recordId).length,
      (n) => n === 2,
    );
  });
});
