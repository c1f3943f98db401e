import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../../spec/load-spec.ts';
import { coverRequirements, rollUpRequirements } from '../../build-report.ts';
import {
  type ConformanceSuite,
  type ConformanceTestDefinition,
  profileMismatch,
} from '../../conformance-suite.ts';
import type { RoleAdapter } from '../role-adapter.ts';
import { undeclaredRequests } from './attack-surface.ts';
import { securityProfile } from './security-profile.ts';

function definitionsFor(role: string, health: string): ConformanceTestDefinition[] {
  const seen: ConformanceTestDefinition[] = [];
  const suite = {
    test: (definition: ConformanceTestDefinition) => seen.push(definition),
  } as ConformanceSuite;
  securityProfile(suite, {
    role,
    ids: { health, internalFailure: 'X-V01' },
    peers: [],
    probes: [],
    sends: [],
  } as RoleAdapter);
  return seen;
}

describe('the security profile', () => {
  it('gives every role the same nine production-profile tests under its prefix', () => {
    expect(definitionsFor('national-center', 'NC-C01').map((d) => [d.id, d.profile])).toEqual([
      ['NC-A01', 'production'],
      ['NC-A02', 'production'],
      ['NC-A03', 'production'],
      ['NC-A04', 'production'],
      ['NC-A05', 'production'],
      ['NC-A06', 'production'],
      ['NC-A07', 'production'],
      ['NC-A08', 'production'],
      ['NC-A09', 'production'],
      ['NC-A10', 'production'],
    ]);
  });

  it('never passes a security requirement in the basic profile: its tests end not-applicable there', async () => {
    const definitions = definitionsFor('national-center', 'NC-C01');
    const tests = definitions.map((d) => {
      const reason = profileMismatch(d, { profile: 'basic' });
      expect(reason).toMatch(/--profile production/);
      return {
        id: d.id,
        title: d.title,
        requirements: d.requirements,
        verdict: 'not-applicable' as const,
        message: reason ?? '',
        durationMs: 0,
        findings: [],
        evidence: { ledgers: {} },
      };
    });
    const spec = await loadSpec();
    const catalog = spec.catalog.requirements.filter((r) =>
      (r.roles as readonly string[]).includes('national-center'),
    );
    const judged = rollUpRequirements(tests as never, (id) => spec.catalog.byId(id)?.level ?? 'UNKNOWN');
    const production = coverRequirements(judged, catalog).filter((r) =>
      catalog.some((c) => c.id === r.id && c.profile === 'production'),
    );
    expect(production.length).toBeGreaterThan(5);
    expect(production.filter((r) => r.verdict !== 'not-applicable')).toEqual([]);
  });

  it('runs only in the production profile, and every other test only in the basic one', () => {
    expect(profileMismatch({ profile: 'production' }, { profile: 'production' })).toBeUndefined();
    expect(profileMismatch({}, {})).toBeUndefined();
    expect(profileMismatch({}, { profile: 'production' })).toMatch(/--profile basic/);
  });
});

describe('the attack-surface requests', () => {
  it('try every debug page a role does not declare, and undeclared methods on /health and a guarded route', () => {
    const relay = undeclaredRequests({ role: 'relay', probes: [{ path: '/metrics', interface: 'health' }] });
    expect(relay.map((r) => r.path)).not.toContain('/metrics');
    expect(relay).toContainEqual({ method: 'GET', path: '/.env', expected: 404 });
    const center = undeclaredRequests({ role: 'national-center', probes: [] });
    expect(center).toContainEqual({ method: 'GET', path: '/metrics', expected: 404 });
    expect(center.filter((r) => r.path === '/resident-changes').map((r) => r.method)).toEqual([
      'TRACE',
      'OPTIONS',
      'PUT',
      'DELETE',
      'PATCH',
      'PROPFIND',
    ]);
    expect(center.filter((r) => r.path === '/health').map((r) => r.expected)).toEqual(Array(6).fill(405));
  });
});
