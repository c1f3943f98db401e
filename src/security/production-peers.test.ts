import { describe, expect, it } from 'vitest';
import { serverIdentityMismatch } from '../transport/server-identity.ts';
import { serverRolesOf } from './production-serving.ts';
import { peersFromEnvironment } from './tls-material.ts';

describe('the peers of a production-profile role', () => {
  it('reads TEKIGO_PEERS, a JSON object from party name to base URL', () => {
    expect(peersFromEnvironment({})).toEqual({});
    expect(peersFromEnvironment({ TEKIGO_PEERS: '{"national-center":"https://127.0.0.1:9300"}' })).toEqual({
      'national-center': 'https://127.0.0.1:9300',
    });
    expect(peersFromEnvironment({ TEKIGO_PEERS: '{}' })).toEqual({});
    for (const bad of ['[]', 'null', '{"national-center":1}', 'national-center=https://x'])
      expect(() => peersFromEnvironment({ TEKIGO_PEERS: bad })).toThrow(/TEKIGO_PEERS must be a JSON object/);
  });

  it('expects at each peer address the party it was given as, one municipality under its party', () => {
    expect(
      serverRolesOf({
        'national-center': 'https://127.0.0.1:9300',
        'municipality/131016': 'https://127.0.0.1:9400/base',
        'print-service': 'https://localhost',
        broken: 'not a url',
      }),
    ).toEqual({
      '127.0.0.1:9300': 'national-center',
      '127.0.0.1:9400': 'municipality',
      'localhost:443': 'print-service',
    });
  });

  it('accepts a server certificate naming the expected party only', () => {
    const names = 'URI:urn:tekigo:role:national-center, DNS:localhost, IP Address:127.0.0.1';
    expect(serverIdentityMismatch('127.0.0.1:9300', 'national-center', names)).toBeUndefined();
    expect(serverIdentityMismatch('127.0.0.1:9300', 'municipality', names)).toBe(
      'the server at 127.0.0.1:9300 presents a certificate naming national-center, not municipality',
    );
    expect(serverIdentityMismatch('127.0.0.1:9300', 'municipality', 'DNS:localhost')).toMatch(
      /naming no role/,
    );
    expect(serverIdentityMismatch('127.0.0.1:1', undefined, names)).toMatch(
      /not the address of a known peer/,
    );
  });
});
