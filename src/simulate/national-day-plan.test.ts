import { describe, expect, it } from 'vitest';
import { seededRandom } from '../faults/seeded-random.ts';
import { isMunicipalityCode, isResidentCode } from '../spec/formats.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { municipalityCode, NATIONAL_DAY, planNationalDay, shuffle } from './national-day-plan.ts';

describe('planNationalDay', () => {
  it('gives 1,741 distinct municipality codes, each with a valid check digit', () => {
    const codes = Array.from({ length: NATIONAL_DAY.municipalities }, (_, i) => municipalityCode(i));
    expect(new Set(codes).size).toBe(NATIONAL_DAY.municipalities);
    expect(codes.every(isMunicipalityCode)).toBe(true);
  });

  it('plans 100 changes per municipality and the scaled notices, every batch schema-valid', async () => {
    const spec = await loadSpec();
    const plan = planNationalDay(0.01, 42);
    const [births, notices, changes] = plan.phases;
    const count = (batches = births) => (batches ?? []).reduce((n, b) => n + b.body.records.length, 0);
    expect(plan.municipalityCodes).toHaveLength(17);
    expect(count(births) + count(changes)).toBe(17 * NATIONAL_DAY.changesPerMunicipality);
    expect(count(notices)).toBe(Math.round(NATIONAL_DAY.certificateNotices * 0.01));
    expect(plan.records).toBe(count(births) + count(notices) + count(changes));
    for (const batch of plan.phases.flat()) {
      expect(spec.validate(`${batch.interface}/batch-request`, batch.body).errors).toEqual([]);
      for (const record of batch.body.records as unknown as { residentCode: string }[])
        expect(isResidentCode(record.residentCode)).toBe(true);
    }
    expect(plan.expectedRevocations.size).toBeGreaterThan(0);
  });

  it('replays the same reordering from the same seed', () => {
    const order = (seed: number) => shuffle([1, 2, 3, 4, 5, 6, 7, 8], seededRandom(seed));
    expect(order(7)).toEqual(order(7));
    expect(order(7)).not.toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
