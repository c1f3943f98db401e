import { describe, expect, it } from 'vitest';
import { REPLICAS } from './replicas.ts';
import { REFERENCE_SEAMS, withOverrides } from './seams.ts';

describe('certification-authority seams', () => {
  it('are the reference seams when nothing is overridden', () => {
    expect(withOverrides()).toEqual(REFERENCE_SEAMS);
  });

  it('override one member of a grouped seam and keep the others', () => {
    const seams = withOverrides({ storage: { outbox: 'memory' }, http: { guardsInput: false } });
    expect(seams.storage).toEqual({ certificates: 'durable', outbox: 'memory', receivedRecords: 'durable' });
    expect(seams.http).toEqual({
      echoesCorrelationId: true,
      logsRequestHeaders: false,
      guardsInput: false,
      deepBodies: 'refused',
      internalErrors: 'concealed',
    });
  });

  it('give every replica a unique name and at least one known seam of its own', () => {
    const names = REPLICAS.map((replica) => replica.name);
    expect(new Set(names).size).toBe(names.length);
    for (const replica of REPLICAS) {
      const keys = Object.keys(replica.seams);
      expect(keys.length, replica.name).toBeGreaterThan(0);
      for (const key of keys) expect(Object.keys(REFERENCE_SEAMS), replica.name).toContain(key);
      expect(withOverrides(replica.seams), replica.name).not.toEqual(REFERENCE_SEAMS);
    }
  });
});
