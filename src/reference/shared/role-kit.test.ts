import { describe, expect, it } from 'vitest';
import { capabilities, DEFAULT_PARAMETERS } from '../municipality/capabilities.ts';
import { findReplica, resolveRoleParameters, validationReply } from './role-kit.ts';
import { loadValidator } from './validation.ts';

describe('role kit', () => {
  it('finds a replica by name and refuses an unknown one, naming the known ones', () => {
    const replicas = [{ name: 'a' }, { name: 'b' }];
    expect(findReplica(replicas, undefined)).toBeUndefined();
    expect(findReplica(replicas, 'b')).toEqual({ name: 'b' });
    expect(() => findReplica(replicas, 'c')).toThrow(/known replicas: a, b/);
  });

  it('takes parameters within the bounds of the capabilities schema and refuses others', async () => {
    const validate = await loadValidator();
    expect(
      resolveRoleParameters(validate, DEFAULT_PARAMETERS, capabilities, { 'retry.maxAttempts': 3 }).retry
        .maxAttempts,
    ).toBe(3);
    expect(() =>
      resolveRoleParameters(validate, DEFAULT_PARAMETERS, capabilities, { requestTimeoutMs: 1 }),
    ).toThrow(/BAD_PARAMETER|bounds/);
  });

  it('answers validation errors 400 naming each field', () => {
    expect(validationReply([{ pointer: '/x', detail: 'bad' }])).toMatchObject({ status: 400 });
  });
});
