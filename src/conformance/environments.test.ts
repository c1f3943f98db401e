import { describe, expect, test } from 'vitest';
import { environmentFor } from './environments.ts';

describe('environmentFor', () => {
  test('embedded is the environment of local processes', () => {
    expect(environmentFor('embedded').name).toBe('embedded');
  });

  test('containers runs every party in a container', () => {
    expect(environmentFor('containers').name).toBe('containers');
  });

  test('unknown names are usage errors with one line', () => {
    expect(() => environmentFor('cloud')).toThrow(expect.objectContaining({ code: 'UNKNOWN_ENV' }));
  });
});
