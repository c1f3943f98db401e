import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Checks the content of specs/requirements.yaml on its own, without the general loader, so that
// a broken catalog is reported here even while the loader changes.

interface CatalogFile {
  version: string;
  incidents: { id: string }[];
  requirements: {
    id: string;
    level: 'MUST' | 'SHOULD' | 'MAY';
    roles: string[];
    interfaces: string[];
    statement: string;
    incidents: string[];
    topics: string[];
  }[];
}

const specsUrl = new URL('../../specs/', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('requirements.schema.json', specsUrl), 'utf8')) as {
  $defs: { requirement: { properties: { topics: { items: { enum: string[] } } } } };
};
const data: unknown = parse(readFileSync(new URL('requirements.yaml', specsUrl), 'utf8'));
const catalog = data as CatalogFile;

/** The ids the certification-authority slice (reference and suite) is written against, with their levels. */
const sliceRequirementIds = [
  'GEN-VAL-001',
  'GEN-ERR-001',
  'GEN-OBS-001',
  'GEN-HLT-001',
  'GEN-UT-001',
  'GEN-SEND-001',
  'GEN-SEND-002',
  'GEN-SEND-003',
  'GEN-SEND-004',
  'GEN-SEND-005',
  'GEN-SEND-006',
  'GEN-SEND-007',
  'GEN-SEND-008',
  'GEN-SEND-009',
  'GEN-DLQ-001',
  'GEN-DLQ-002',
  'GEN-REC-001',
  'GEN-REC-002',
  'GEN-IDEM-001',
  'CA-ISS-001',
  'CA-ISS-002',
  'CA-REV-001',
  'CA-REV-002',
  'CA-REV-003',
  'CA-STAT-001',
] as const;
const sliceShouldIds: readonly string[] = ['GEN-DLQ-002'];

/** The interface column of the table in specs/README.md. */
const readmeInterfaces = [
  'resident-changes',
  'certificate-issuances',
  'revocation-requests',
  'certificate-status',
  'card-production',
  'registration-notices',
  'certificate-requests',
  'resident-sync',
  'print-jobs',
  'relay-forwarding',
  'crypto-device',
  'reconciliation',
  'dead-letters',
  'health',
  'upper-tester',
];

const roles = ['municipality', 'national-center', 'certification-authority', 'issuance-service', 'relay'];

const byId = new Map(catalog.requirements.map((r) => [r.id, r]));

describe('specs/requirements.yaml', () => {
  it('validates against requirements.schema.json under ajv 2020 strict', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    const validate = ajv.compile(schema);
    const valid = validate(data);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('holds at least 80 requirements', () => {
    expect(catalog.requirements.length).toBeGreaterThanOrEqual(80);
  });

  it('has unique, well-formed ids, numbered in order within each family', () => {
    const ids = catalog.requirements.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const lastByFamily = new Map<string, number>();
    for (const id of ids) {
      const match = /^((?:GEN|MUN|NC|CA|ISS|RLY)-[A-Z0-9]+)-([0-9]{3})$/.exec(id);
      expect(match, id).not.toBeNull();
      const [, family = '', number = ''] = match ?? [];
      const previous = lastByFamily.get(family) ?? 0;
      expect(Number(number), `${id} follows ${family}-${String(previous).padStart(3, '0')}`).toBeGreaterThan(
        previous,
      );
      lastByFamily.set(family, Number(number));
    }
  });

  it('states each requirement as one sentence using exactly its level keyword', () => {
    for (const r of catalog.requirements) {
      const keywords = new Set(r.statement.match(/\b(MUST|SHOULD|MAY)\b/g));
      expect([...keywords], r.id).toEqual([r.level]);
      expect(r.statement, r.id).not.toMatch(/[.;:]\s+[A-Z]/);
    }
  });

  it('cites only known incidents, and cites each incident at least 3 times', () => {
    const incidentIds = catalog.incidents.map((i) => i.id);
    expect(new Set(incidentIds).size).toBe(incidentIds.length);
    expect(incidentIds.sort()).toEqual([
      'INC-2003-NAGANO',
      'INC-2004-JPKI',
      'INC-2015-CARD',
      'INC-2016-RELAY',
      'INC-2023-KIOSK',
    ]);
    for (const r of catalog.requirements) {
      for (const cited of r.incidents) expect(incidentIds, `${r.id} cites ${cited}`).toContain(cited);
    }
    for (const id of incidentIds) {
      const citations = catalog.requirements.filter((r) => r.incidents.includes(id)).length;
      expect(citations, id).toBeGreaterThanOrEqual(3);
    }
  });

  it('contains every id of the certification-authority slice at its level', () => {
    for (const id of sliceRequirementIds) {
      const requirement = byId.get(id);
      expect(requirement, id).toBeDefined();
      expect(requirement?.level, id).toBe(sliceShouldIds.includes(id) ? 'SHOULD' : 'MUST');
    }
  });

  it('names only interfaces of the specs/README.md table', () => {
    for (const r of catalog.requirements) {
      for (const name of r.interfaces) expect(readmeInterfaces, `${r.id} names ${name}`).toContain(name);
    }
  });

  it('gives every role at least 5 requirements', () => {
    for (const role of roles) {
      const count = catalog.requirements.filter((r) => r.roles.includes(role)).length;
      expect(count, role).toBeGreaterThanOrEqual(5);
    }
  });

  it('uses every topic of the schema', () => {
    const used = new Set(catalog.requirements.flatMap((r) => r.topics));
    for (const topic of schema.$defs.requirement.properties.topics.items.enum)
      expect(used, topic).toContain(topic);
  });
});
