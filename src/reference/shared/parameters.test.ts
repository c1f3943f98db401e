import { describe, expect, it } from 'vitest';
import { applyParameterOverrides, parseParameterArgs } from './parameters.ts';
import { parseRoleArgs } from './role-process.ts';

const defaults = { requestTimeoutMs: 1000, retry: { maxAttempts: 6, jitter: 'equal' } };

describe('parameter overrides', () => {
  it('sets leaves by dotted path with the default type, leaving the defaults untouched', () => {
    const result = applyParameterOverrides(defaults, {
      requestTimeoutMs: '800',
      'retry.maxAttempts': 3,
      'retry.jitter': 'full',
    });
    expect(result).toEqual({ requestTimeoutMs: 800, retry: { maxAttempts: 3, jitter: 'full' } });
    expect(defaults.requestTimeoutMs).toBe(1000);
  });

  it('refuses unknown paths, whole objects and non-numbers', () => {
    expect(() => applyParameterOverrides(defaults, { timeout: 1 })).toThrow(
      /no such parameter. Known: requestTimeoutMs, retry.maxAttempts, retry.jitter/,
    );
    expect(() => applyParameterOverrides(defaults, { retry: 1 })).toThrow(/no such parameter/);
    expect(() => applyParameterOverrides(defaults, { requestTimeoutMs: 'fast' })).toThrow(/must be a number/);
    expect(() => applyParameterOverrides(defaults, { requestTimeoutMs: ' ' })).toThrow(/must be a number/);
  });

  it('reads name=value pairs, values may hold "="', () => {
    expect(parseParameterArgs(['a=1', 'b.c=x=y'])).toEqual({ a: '1', 'b.c': 'x=y' });
    expect(() => parseParameterArgs(['novalue'])).toThrow(/name=value/);
  });
});

describe('parseRoleArgs', () => {
  it('reads the process contract options', () => {
    expect(
      parseRoleArgs(
        [
          '--port',
          '0',
          '--test-mode',
          '--replica',
          'r1',
          '--param',
          'requestTimeoutMs=800',
          '--peer',
          'national-center=http://127.0.0.1:9',
        ],
        ['r1'],
      ),
    ).toEqual({
      port: 0,
      host: '127.0.0.1',
      testMode: true,
      replica: 'r1',
      params: { requestTimeoutMs: '800' },
      peers: { 'national-center': 'http://127.0.0.1:9' },
    });
  });

  it('names the known replicas when given an unknown one', () => {
    expect(() => parseRoleArgs(['--replica', 'r9'], ['r1', 'r2'])).toThrow(
      'unknown replica "r9"; known replicas: r1, r2',
    );
    expect(() => parseRoleArgs(['--port', '70000'], [])).toThrow(/port/);
  });
});
