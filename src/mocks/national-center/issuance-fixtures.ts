import type { ValidationIssue } from '../../evidence/ledger-entry.ts';
import type { Validate } from '../../evidence/validate.ts';
import type { IssuanceBatch, IssuanceRecord } from './national-center-store.ts';

/** Synthetic issuance notices for tests; `n` makes ids, serials and digests distinct. */
export function issuanceRecord(n: number, overrides: Partial<IssuanceRecord> = {}): IssuanceRecord {
  const hex = n.toString(16).padStart(12, '0');
  return {
    recordId: `00000000-0000-4000-8000-${hex}`,
    recordedAt: '2026-04-01T10:00:00+09:00',
    serialNumber: `00000000${hex.toUpperCase()}`.slice(-16),
    certificateType: 'signature',
    residentCode: '12345678900',
    municipalityCode: '131016',
    notBefore: '2026-04-01T10:00:00+09:00',
    notAfter: '2031-04-01T10:00:00+09:00',
    itemsDigest: hex.padStart(64, 'a'),
    ...overrides,
  };
}

export function issuanceBatch(records: readonly IssuanceRecord[], batchNumber = 1): IssuanceBatch {
  return {
    batchId: `10000000-0000-4000-8000-${batchNumber.toString(16).padStart(12, '0')}`,
    sentAt: '2026-04-01T10:00:01+09:00',
    authorityId: 'jpki-test',
    records,
  };
}

/**
 * Stands in for the spec's validator in unit tests: checks only the shape the mocks rely on
 * (a batch with records carrying a recordId) and names the failing field like ajv does.
 */
export const stubValidate: Validate = (messageType, value) => {
  const errors: ValidationIssue[] = [];
  const issue = (instancePath: string, message: string) =>
    errors.push({ instancePath, schemaPath: '#', keyword: 'stub', message });
  if (messageType.endsWith('/batch-request')) {
    const records = (value as { records?: unknown } | null)?.records;
    if (!Array.isArray(records) || records.length === 0) issue('/records', 'must be a non-empty array');
    else {
      for (const [i, r] of records.entries()) {
        if (typeof (r as { recordId?: unknown }).recordId !== 'string')
          issue(`/records/${i}/recordId`, 'must be string');
      }
    }
  } else if (typeof value !== 'object' || value === null) {
    issue('', 'must be object');
  }
  return { messageType, valid: errors.length === 0, errors };
};
