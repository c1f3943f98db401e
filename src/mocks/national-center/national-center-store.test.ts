import { describe, expect, it } from 'vitest';
import { acceptedDigest } from '../../reconciliation/accepted-digest.ts';
import { issuanceBatch, issuanceRecord } from './issuance-fixtures.ts';
import { NationalCenterStore } from './national-center-store.ts';

const refused = { type: 'urn:tekigo:problem:validation', title: 'Refused by fault', status: 422 };

describe('NationalCenterStore', () => {
  it('accepts new records and answers in request order', () => {
    const store = new NationalCenterStore();
    const records = [issuanceRecord(3), issuanceRecord(1), issuanceRecord(2)];
    const result = store.submitIssuances(issuanceBatch(records), new Map(), new Date('2026-04-01T01:00:00Z'));
    expect(result.batchId).toBe(issuanceBatch([]).batchId);
    expect(result.results).toEqual(records.map((r) => ({ recordId: r.recordId, outcome: 'accepted' })));
    expect(store.snapshot().certificateIssuances.stored[0]).toMatchObject({
      record: records[0],
      authorityId: 'jpki-test',
      storedAt: '2026-04-01T01:00:00.000Z',
      duplicateDeliveries: 0,
    });
  });

  it('answers duplicate for the same id and content, with no second effect', () => {
    const store = new NationalCenterStore();
    store.submitIssuances(issuanceBatch([issuanceRecord(1)]));
    const again = store.submitIssuances(issuanceBatch([{ ...issuanceRecord(1) }], 2));
    expect(again.results).toEqual([{ recordId: issuanceRecord(1).recordId, outcome: 'duplicate' }]);
    const { stored } = store.snapshot().certificateIssuances;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ batchId: issuanceBatch([]).batchId, duplicateDeliveries: 1 });
  });

  it('rejects the same id with different content as a conflict and keeps the first', () => {
    const store = new NationalCenterStore();
    store.submitIssuances(issuanceBatch([issuanceRecord(1)]));
    const changed = issuanceRecord(1, { serialNumber: 'FFFFFFFFFFFFFFFF' });
    const [result] = store.submitIssuances(issuanceBatch([changed])).results;
    expect(result).toMatchObject({
      outcome: 'rejected',
      problem: { type: 'urn:tekigo:problem:conflict', status: 409 },
    });
    expect(store.snapshot().certificateIssuances.stored[0]?.record.serialNumber).toBe(
      issuanceRecord(1).serialNumber,
    );
  });

  it('handles a repeated id inside one batch like a re-send', () => {
    const store = new NationalCenterStore();
    const { results } = store.submitIssuances(issuanceBatch([issuanceRecord(1), issuanceRecord(1)]));
    expect(results.map((r) => r.outcome)).toEqual(['accepted', 'duplicate']);
  });

  it('rejects the records a fault names and processes the others', () => {
    const store = new NationalCenterStore();
    const { results } = store.submitIssuances(
      issuanceBatch([issuanceRecord(1), issuanceRecord(2)]),
      new Map([[1, refused]]),
    );
    expect(results).toEqual([
      { recordId: issuanceRecord(1).recordId, outcome: 'accepted' },
      { recordId: issuanceRecord(2).recordId, outcome: 'rejected', problem: refused },
    ]);
    expect(store.snapshot().certificateIssuances.rejected).toEqual([
      {
        recordId: issuanceRecord(2).recordId,
        recordedAt: issuanceRecord(2).recordedAt,
        problem: refused,
        deliveries: 1,
      },
    ]);
  });

  it('reconciles one Japan-time day for the certification authority', () => {
    const store = new NationalCenterStore();
    const firstMoment = issuanceRecord(1, { recordedAt: '2026-03-31T15:00:00Z' });
    const lastMoment = issuanceRecord(2, { recordedAt: '2026-04-01T23:59:59+09:00' });
    const otherDay = issuanceRecord(3, { recordedAt: '2026-03-31T14:59:59Z' });
    const rejectedToday = issuanceRecord(4);
    const rejectedThenAccepted = issuanceRecord(5);
    store.submitIssuances(
      issuanceBatch([firstMoment, lastMoment, otherDay, rejectedToday, rejectedThenAccepted]),
      new Map([
        [3, refused],
        [4, refused],
      ]),
    );
    store.submitIssuances(issuanceBatch([firstMoment, rejectedThenAccepted]));
    store.submitIssuances(issuanceBatch([firstMoment]));
    expect(store.reconciliation('2026-04-01', 'certification-authority')).toEqual([
      {
        interface: 'certificate-issuances',
        direction: 'inbound',
        counts: { total: 4, accepted: 3, duplicate: 2, rejected: 1, pending: 0, deadLettered: 0 },
        acceptedDigest: acceptedDigest([
          firstMoment.recordId,
          lastMoment.recordId,
          rejectedThenAccepted.recordId,
        ]),
      },
    ]);
    expect(store.reconciliation('2026-03-31', 'certification-authority')[0]?.counts).toMatchObject({
      total: 1,
      accepted: 1,
    });
    expect(store.reconciliation('2026-04-02', 'certification-authority')[0]).toMatchObject({
      counts: { total: 0, accepted: 0 },
      acceptedDigest: acceptedDigest([]),
    });
    expect(store.reconciliation('2026-04-01', 'municipality')).toEqual([]);
  });

  it('forgets everything on reset', () => {
    const store = new NationalCenterStore();
    store.submitIssuances(issuanceBatch([issuanceRecord(1), issuanceRecord(2)]), new Map([[0, refused]]));
    store.reset();
    expect(store.snapshot()).toEqual({ certificateIssuances: { stored: [], rejected: [] } });
  });
});
