import { describe, expect, it } from 'vitest';
import { productionServing } from './production-serving.ts';
import { securityReplicas } from './security-replicas.ts';
import { REFERENCE_SECURITY } from './security-seams.ts';

const TLS = { kind: 'mtls', cert: 'CERT', key: 'KEY', ca: 'CA' } as const;

describe('the late-sending security replica (GEN-SEC-005)', () => {
  it('exists only for a role that calls its peer after answering', () => {
    const names = (options: Parameters<typeof securityReplicas>[1]) =>
      securityReplicas('x', options).map((r) => r.name);
    expect(names({ jurisdictional: true, sending: true, callsAfterAnswer: true })).toContain(
      'x-trusts-any-server-late',
    );
    expect(names({ jurisdictional: true, sending: true })).not.toContain('x-trusts-any-server-late');
    expect(names({ jurisdictional: true, sending: true })).toContain('x-trusts-any-server');
  });

  it('trusts any server and makes its client wait after each handshake; the reference sends at once', () => {
    const late = securityReplicas('x', { jurisdictional: false, sending: true, callsAfterAnswer: true }).find(
      (r) => r.name === 'x-trusts-any-server-late',
    );
    expect(late?.violates).toEqual(['GEN-SEC-005']);
    const security = late?.seams.security ?? REFERENCE_SECURITY;
    expect(productionServing('national-center', TLS, security, false).client).toEqual({
      ...TLS,
      verifiesServer: false,
      sendDelayMs: 1_500,
    });
    expect(productionServing('national-center', TLS, REFERENCE_SECURITY, false).client).toEqual({
      ...TLS,
      serverRoles: {},
    });
  });
});
