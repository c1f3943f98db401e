import { describe, expect, test } from 'vitest';
import { environmentFor } from './environments.ts';

describe('environmentFor', () => {
  test('embedded is the environment of local processes', () => {
    expect(environmentFor('embedded').name).toBe('embedded');
  });

  test('containers and unknown names are usage errors with one line', () => {
    expect(() => environmentFor('containers')).toThrow(
      /--env containers is not available yet; use --env embedded/,
    );
    expect(() => environmentFor('cloud')).toThrow(expect.objectContaining({ code: 'UNKNOWN_ENV' }));
  });
});
