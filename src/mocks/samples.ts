import { randomBytes, randomUUID } from 'node:crypto';
import { computeResidentCodeCheckDigit } from '../spec/formats.ts';
import type { MockOutbound } from './mock-definition.ts';

/**
 * Synthetic messages for the interfaces a mock sends, valid against `specs/schemas` (checked by
 * `samples.test.ts`). A suite that needs particular records passes them; these fill the rest.
 */

/** What the suite asks a mock to send: its own records, or `count` sample ones (default 1). */
export interface OutboundInput {
  readonly records?: readonly unknown[];
  readonly count?: number;
}

/** A synthetic municipality code of the spec's own examples (Chiyoda, with its check digit). */
export const SAMPLE_MUNICIPALITY_CODE = '131016';

const now = () => new Date().toISOString();
const today = () => now().slice(0, 10);

/** A valid resident code with a random base. */
export function sampleResidentCode(): string {
  const base = String(Number.parseInt(randomBytes(5).toString('hex'), 16) % 10_000_000_000).padStart(10, '0');
  return `${base}${computeResidentCodeCheckDigit(base)}`;
}

const ITEMS = {
  name: { kanji: '試験 花子', kana: 'シケン ハナコ' },
  address: '試験県見本市見本町1-2-3',
  dateOfBirth: '1990-04-01',
  sex: 'female',
} as const;

function recordsOf(input: OutboundInput, sample: (i: number) => unknown): readonly unknown[] {
  return input.records ?? Array.from({ length: input.count ?? 1 }, (_, i) => sample(i));
}

function batch(input: OutboundInput, sample: (i: number) => unknown, extra: object = {}) {
  return { batchId: randomUUID(), sentAt: now(), ...extra, records: recordsOf(input, sample) };
}

/** One synthetic message per sending interface. */
export const SAMPLE_MESSAGES: Readonly<Record<string, (input: OutboundInput) => unknown>> = {
  'revocation-requests': (input) =>
    batch(input, () => ({
      recordId: randomUUID(),
      recordedAt: now(),
      serialNumber: randomBytes(10).toString('hex').toUpperCase(),
      residentCode: sampleResidentCode(),
      reason: 'loss',
    })),
  'registration-notices': (input) => ({
    noticeId: randomUUID(),
    municipalityCode: SAMPLE_MUNICIPALITY_CODE,
    final: true,
    ...batch(input, () => ({ recordId: randomUUID(), outcome: 'registered', registeredAt: now() })),
  }),
  'resident-changes': (input) =>
    batch(
      input,
      (i) => ({
        recordId: randomUUID(),
        recordedAt: now(),
        sequence: i + 1,
        residentCode: sampleResidentCode(),
        changeType: 'birth',
        effectiveDate: today(),
        items: { ...ITEMS, dateOfBirth: today() },
      }),
      { municipalityCode: SAMPLE_MUNICIPALITY_CODE },
    ),
  'resident-sync': (input) =>
    batch(
      input,
      () => ({
        recordId: randomUUID(),
        recordedAt: now(),
        residentCode: sampleResidentCode(),
        version: 1,
        items: ITEMS,
        status: 'resident',
      }),
      { municipalityCode: SAMPLE_MUNICIPALITY_CODE },
    ),
  'certificate-requests': () => ({
    requestId: randomUUID(),
    kioskId: 'CVS-0001-TEST',
    requestedAt: now(),
    holder: {
      residentCode: sampleResidentCode(),
      municipalityCode: SAMPLE_MUNICIPALITY_CODE,
      cardSerial: randomBytes(6).toString('hex').toUpperCase(),
    },
    documentType: 'residence-record',
    copies: 1,
  }),
};

/** A mock's `sends` entries for these interfaces, each with its sample message. */
export function sendsWithSamples(...names: readonly string[]): MockOutbound[] {
  return names.map((name) => {
    const message = SAMPLE_MESSAGES[name];
    if (!message) throw new Error(`no sample message for ${name}: add one to SAMPLE_MESSAGES`);
    return { interface: name, message };
  });
}
