import { describe, expect, it } from 'vitest';
import { specValidator } from '../evidence/validate.ts';
import { INTERFACES } from './interfaces.ts';
import { SAMPLE_MESSAGES } from './samples.ts';

describe('sample messages', () => {
  it('are valid against specs/schemas, with one record or several', async () => {
    const validate = await specValidator();
    for (const [name, sample] of Object.entries(SAMPLE_MESSAGES)) {
      const type = INTERFACES[name]?.requestType ?? '';
      for (const count of [1, 3]) {
        const outcome = validate(type, sample({ count }));
        expect(outcome.errors, `${name} × ${count}`).toEqual([]);
      }
    }
  });
});
