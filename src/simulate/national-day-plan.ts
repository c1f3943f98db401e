import { residentCode, serialNumber, syntheticResident } from '../conformance/synthetic-data.ts';
import { itemsDigest } from '../reference/shared/items-digest.ts';
import { computeMunicipalityCodeCheckDigit } from '../spec/formats.ts';

/**
 * The national day as data: which municipality sends which resident changes, which
 * certificates the certification authority notifies, and which of them a later change must
 * revoke. Pure and deterministic for a given scale and run tag, so a failing run replays.
 *
 * Per municipality, 100 changes: births of `BIRTHS` residents (sequences 1…60), then one
 * revoking change (address change, name change, move-out, death or correction) for each of the
 * residents from `FIRST_CHANGED` on (sequences 61…100). Certificates go to the first residents
 * of each municipality; those at `FIRST_CHANGED` or later are the linked revocations expected.
 */
export const NATIONAL_DAY = {
  municipalities: 1_741,
  changesPerMunicipality: 100,
  certificateNotices: 57_751,
} as const;

const BIRTHS = 60;
/** Residents from this index on get one revoking change each: 60 births + 40 changes = 100. */
const FIRST_CHANGED = 2 * BIRTHS - NATIONAL_DAY.changesPerMunicipality;
const CHANGE_BATCH = 100;
const NOTICE_BATCH = 100;
const CHANGE_TYPES = ['address-change', 'name-change', 'move-out', 'death', 'correction'] as const;

export interface PlannedBatch {
  readonly interface: 'resident-changes' | 'certificate-issuances';
  readonly path: '/resident-changes' | '/certificate-issuances';
  readonly body: { readonly batchId: string; readonly records: readonly { readonly recordId: string }[] };
}

export interface NationalDayPlan {
  readonly municipalityCodes: readonly string[];
  /** Phase by phase: births, then certificate notices, then the revoking changes. */
  readonly phases: readonly (readonly PlannedBatch[])[];
  /** Serial numbers a change must revoke, each exactly once. */
  readonly expectedRevocations: ReadonlySet<string>;
  readonly records: number;
}

/** The `index`-th synthetic municipality code: prefecture 01…47, a city number, its check digit. */
export function municipalityCode(index: number): string {
  const base = `${String((index % 47) + 1).padStart(2, '0')}${String(100 + Math.floor(index / 47)).padStart(3, '0')}`;
  return `${base}${computeMunicipalityCodeCheckDigit(base)}`;
}

/** Shuffles in place (Fisher–Yates) with `random`: the reordering of the senders. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * The plan at `scale` (1 = the national day). `tag` keeps resident codes and serial numbers of
 * separate runs apart, for a center that keeps its data between runs.
 */
export function planNationalDay(scale: number, tag: number, now = new Date()): NationalDayPlan {
  const count = Math.max(1, Math.round(NATIONAL_DAY.municipalities * scale));
  const notices = Math.max(1, Math.round(NATIONAL_DAY.certificateNotices * scale));
  const recordedAt = now.toISOString();
  const municipalityCodes = Array.from({ length: count }, (_, i) => municipalityCode(i));
  const births: PlannedBatch[] = [];
  const issuances: Record<string, unknown>[] = [];
  const changes: PlannedBatch[] = [];
  const expectedRevocations = new Set<string>();
  const envelope = (municipality: string, records: readonly { recordId: string }[]): PlannedBatch => ({
    interface: 'resident-changes',
    path: '/resident-changes',
    body: {
      batchId: crypto.randomUUID(),
      sentAt: recordedAt,
      municipalityCode: municipality,
      records,
    } as never,
  });
  municipalityCodes.forEach((code, m) => {
    const residents = Array.from({ length: BIRTHS }, (_, i) => {
      const n = (tag % 8_000) * 110_000 + m * BIRTHS + i;
      return { ...syntheticResident(n, code), residentCode: residentCode(n) };
    });
    const certificates = Math.floor(((m + 1) * notices) / count) - Math.floor((m * notices) / count);
    const birthRecords = residents.map((resident, i) => ({
      recordId: crypto.randomUUID(),
      recordedAt,
      sequence: i + 1,
      residentCode: resident.residentCode,
      changeType: 'birth',
      effectiveDate: '2026-04-01',
      items: resident.items,
    }));
    for (const batch of chunks(birthRecords, CHANGE_BATCH)) births.push(envelope(code, batch));
    residents.slice(0, Math.min(certificates, BIRTHS)).forEach((resident, i) => {
      const serial = serialNumber(tag % 0xffffff, m * BIRTHS + i);
      issuances.push({
        recordId: crypto.randomUUID(),
        recordedAt,
        serialNumber: serial,
        certificateType: i % 2 === 0 ? 'signature' : 'user-authentication',
        residentCode: resident.residentCode,
        municipalityCode: code,
        notBefore: recordedAt,
        notAfter: new Date(now.getTime() + 5 * 365 * 86_400_000).toISOString(),
        itemsDigest: itemsDigest(resident.items),
      });
      if (i >= FIRST_CHANGED) expectedRevocations.add(serial);
    });
    const changeRecords = residents.slice(FIRST_CHANGED).map((resident, i) => {
      const changeType = CHANGE_TYPES[i % CHANGE_TYPES.length] ?? 'address-change';
      const address = `北海道札幌市試験区${(i % 9) + 1}条${m + 1}丁目`;
      const items =
        changeType === 'death'
          ? undefined
          : changeType === 'name-change'
            ? { name: { kanji: `${resident.items.name.kanji}改`, kana: `${resident.items.name.kana}カイ` } }
            : { address };
      return {
        recordId: crypto.randomUUID(),
        recordedAt,
        sequence: BIRTHS + i + 1,
        residentCode: resident.residentCode,
        changeType,
        effectiveDate: '2026-04-02',
        ...(items === undefined ? {} : { items }),
      };
    });
    for (const batch of chunks(changeRecords, CHANGE_BATCH)) changes.push(envelope(code, batch));
  });
  const notify = chunks(issuances, NOTICE_BATCH).map(
    (records): PlannedBatch => ({
      interface: 'certificate-issuances',
      path: '/certificate-issuances',
      body: {
        batchId: crypto.randomUUID(),
        sentAt: recordedAt,
        authorityId: 'tekigo-simulated-authority',
        records,
      } as never,
    }),
  );
  return {
    municipalityCodes,
    phases: [births, notify, changes],
    expectedRevocations,
    records: count * (BIRTHS + (BIRTHS - FIRST_CHANGED)) + issuances.length,
  };
}
