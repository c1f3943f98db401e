import { describe, expect, it } from 'vitest';
import { TekigoUsageError } from '../errors.ts';
import { loadFaultScript } from './fault-script.ts';

function errorsOf(script: unknown): { instancePath: string; message: string }[] {
  try {
    loadFaultScript(script);
  } catch (error) {
    expect(error).toBeInstanceOf(TekigoUsageError);
    expect((error as TekigoUsageError).code).toBe('INVALID_FAULT_SCRIPT');
    return (error as TekigoUsageError).details.errors as { instancePath: string; message: string }[];
  }
  throw new Error('expected the script to be refused');
}

describe('loadFaultScript', () => {
  it('accepts every action kind', () => {
    const script = {
      seed: 7,
      rules: [
        { id: 'a', action: { kind: 'delay', ms: 100 } },
        {
          id: 'b',
          interface: 'certificate-issuances',
          method: 'POST',
          path: '/certificate-issuances',
          action: { kind: 'hang' },
        },
        {
          id: 'c',
          path: '/cert*',
          when: { calls: { from: 1, to: 2 } },
          action: { kind: 'status', status: 503, retryAfter: 2 },
        },
        {
          id: 'd',
          action: {
            kind: 'status',
            status: 429,
            retryAfter: 'Wed, 01 Apr 2026 00:00:00 GMT',
            problem: { detail: 'slow down' },
          },
        },
        {
          id: 'e',
          when: { records: { pointer: '/recordId', in: ['x'] } },
          action: {
            kind: 'reject-records',
            problem: { type: 'urn:tekigo:problem:validation', title: 'Refused', status: 422 },
          },
        },
        {
          id: 'f',
          when: { every: 3, afterMs: 10, beforeMs: 20, probability: 0.5 },
          times: 2,
          action: { kind: 'reset' },
        },
        { id: 'g', action: { kind: 'truncate', bytes: 10 } },
        { id: 'h', action: { kind: 'empty-body' } },
        { id: 'i', action: { kind: 'garbage-body' } },
        { id: 'j', action: { kind: 'commit-then-hang' } },
        { id: 'k', action: { kind: 'duplicate-delivery' } },
        { id: 'l', action: { kind: 'reorder', window: 3 } },
      ],
    };
    expect(loadFaultScript(script)).toBe(script);
  });

  it('names the offending field of a malformed script', () => {
    expect(errorsOf({ rules: [{ id: 'a', action: { kind: 'delay' } }] })).toContainEqual({
      instancePath: '/rules/0/action',
      message: "must have required property 'ms'",
    });
    expect(
      errorsOf({ rules: [{ id: 'a', action: { kind: 'explode' } }] }).map((e) => e.instancePath),
    ).toContain('/rules/0/action/kind');
    expect(errorsOf({ rules: [{ id: 'a', action: { kind: 'hang', ms: 3 } }] })).toContainEqual({
      instancePath: '/rules/0/action',
      message: 'must not have property ms',
    });
    expect(
      errorsOf({ rules: [{ id: 'a', when: { probability: 2 }, action: { kind: 'hang' } }] }).map(
        (e) => e.instancePath,
      ),
    ).toContain('/rules/0/when/probability');
    expect(
      errorsOf({ rules: [{ id: 'a', path: 'no-slash', action: { kind: 'hang' } }] }).map(
        (e) => e.instancePath,
      ),
    ).toContain('/rules/0/path');
    expect(errorsOf({}).map((e) => e.instancePath)).toContain('');
  });

  it('refuses what the schema cannot express', () => {
    const rule = (id: string, extra: object) => ({ id, action: { kind: 'hang' }, ...extra });
    expect(errorsOf({ rules: [rule('a', {}), rule('a', {})] })).toEqual([
      { instancePath: '/rules/1/id', message: 'duplicate rule id a' },
    ]);
    expect(errorsOf({ rules: [rule('a', { when: { calls: { from: 3, to: 2 } } })] })[0]?.instancePath).toBe(
      '/rules/0/when/calls',
    );
    expect(errorsOf({ rules: [rule('a', { when: { afterMs: 5, beforeMs: 5 } })] })[0]?.instancePath).toBe(
      '/rules/0/when',
    );
    expect(
      errorsOf({
        rules: [
          { id: 'r', action: { kind: 'reject-records', problem: { type: 't', title: 't', status: 422 } } },
        ],
      })[0]?.message,
    ).toContain('when.records');
  });

  it('says what to do in its message', () => {
    expect(() => loadFaultScript({ rules: 'none' })).toThrow(
      /\/rules must be array.*fault-script\.schema\.json/,
    );
  });
});
