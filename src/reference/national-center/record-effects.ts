import type {
  CertificateIssuanceNotice,
  ChangedItems,
  FourBasicItems,
  RevocationReason,
} from '../../spec/message-types.generated.ts';
import { type Problem, problem } from '../../spec/problem-types.ts';
import { itemsDigest } from '../shared/items-digest.ts';
import { withLegacyName } from '../shared/legacy-names.ts';
import type { Resident, ResidentStore } from './resident-store.ts';
import { mergeItems } from './resident-store.ts';
import type { Revocations } from './revocations.ts';
import type { ChangeRule, NationalCenterSeams } from './seams.ts';

/** One resident-change record as received (the schema guarantees the items its type needs). */
export interface ChangeRecord {
  readonly recordId: string;
  readonly recordedAt: string;
  readonly sequence: number;
  readonly residentCode: string;
  readonly changeType:
    | 'birth'
    | 'move-in'
    | 'move-out'
    | 'address-change'
    | 'name-change'
    | 'death'
    | 'correction';
  readonly items?: ChangedItems;
}

const REASONS: Readonly<Record<ChangeRecord['changeType'], RevocationReason | undefined>> = {
  birth: undefined,
  'move-in': 'address-change',
  'move-out': 'move-out',
  'address-change': 'address-change',
  'name-change': 'name-change',
  death: 'death',
  correction: 'correction',
};

const unknownResident = (detail: string): Problem =>
  problem('unknown-resident', { status: 404, title: 'Unknown resident', detail });
const conflict = (detail: string): Problem => problem('conflict', { status: 409, title: 'Conflict', detail });

type Rule = (
  residents: ResidentStore,
  municipalityCode: string,
  record: ChangeRecord,
  held: Resident | undefined,
) => Problem | undefined;

const entering = (record: ChangeRecord): boolean =>
  record.changeType === 'birth' || record.changeType === 'move-in';
const stale = (detail: string): Problem =>
  problem('stale-sequence', { status: 409, title: 'Stale sequence', detail });
const staleBelow = (highest: number | undefined, record: ChangeRecord, detail: string) =>
  highest !== undefined && record.sequence < highest ? stale(detail) : undefined;

/** Each record-level refusal of a resident change (`ChangeRule` in seams.ts). */
const CHANGE_RULES: Readonly<Record<ChangeRule, Rule>> = {
  'sequence-conflict': (residents, municipalityCode, { sequence }) =>
    residents.sequenceUsedBy(municipalityCode, sequence) === undefined
      ? undefined
      : conflict(
          `sequence ${sequence} of municipality ${municipalityCode} is already used by another record`,
        ),
  dead: (_r, _m, _record, held) =>
    held?.dead ? unknownResident('the resident died: no later change is applied') : undefined,
  'not-held': (_r, _m, record, held) =>
    held === undefined && !entering(record)
      ? unknownResident('the center holds no resident with this residentCode')
      : undefined,
  'other-municipality': (_r, municipalityCode, record, held) =>
    held !== undefined && !entering(record) && held.municipalityCode !== municipalityCode
      ? unknownResident('the resident is not held under the sending municipality')
      : undefined,
  'stale-sequence': (residents, municipalityCode, record) =>
    staleBelow(
      residents.highestSequence(record.residentCode, municipalityCode),
      record,
      'a change with a higher sequence from this municipality is already applied to the resident',
    ),
  'stale-sequence-any-municipality': (residents, _m, record) =>
    staleBelow(
      residents.highestSequence(record.residentCode),
      record,
      'a change with a higher sequence is already applied to the resident',
    ),
  'sequence-gap': (residents, municipalityCode, record) => {
    const highest = residents.highestSequence(record.residentCode, municipalityCode);
    return highest !== undefined && record.sequence > highest + 1000
      ? conflict('changes between the last applied sequence and this one are missing')
      : undefined;
  },
  'entry-conflicts': (_r, municipalityCode, { changeType }, held) => {
    if (changeType === 'birth' && held) return conflict('a birth for a resident already held');
    if (changeType === 'move-in' && held?.municipalityCode === municipalityCode)
      return conflict('a move-in from the municipality the resident is already held under');
    return undefined;
  },
};

export interface EffectParts {
  readonly seams: NationalCenterSeams;
  readonly residents: ResidentStore;
  readonly revocations: Revocations;
}

/**
 * Decides and applies one resident change from `municipalityCode` (specs/README.md, d-rc-scope,
 * d-rc-rules, d-record-precedence): after the inbox's recordId check, the seams' change rules in
 * order (the reference: conflict of municipality and sequence, unknown-resident, stale-sequence,
 * the other conflicts). An applied change that revokes (d-triggers) queues its revocations in
 * the same transaction.
 */
export function applyChange(
  parts: EffectParts,
  municipalityCode: string,
  record: ChangeRecord,
  nowMs: number,
): Problem | undefined {
  const { seams, residents, revocations } = parts;
  const { residentCode, changeType } = record;
  const held = residents.find(residentCode);
  const reason = REASONS[changeType];
  let refusal: Problem | undefined;
  for (const rule of seams.changeRules) {
    refusal = CHANGE_RULES[rule](residents, municipalityCode, record, held);
    if (refusal) break;
  }
  if (refusal) {
    if (seams.revokesBeforeRefusing && held && reason)
      revocations.forResident(residentCode, reason, record.recordId, nowMs);
    return refusal;
  }
  const enters = entering(record);

  const received: FourBasicItems = held
    ? mergeItems(held.items, record.items)
    : (record.items as FourBasicItems);
  const items = seams.keepsNamesIntact ? received : withLegacyName(received);
  const digest = itemsDigest(items);
  residents.save({
    residentCode,
    municipalityCode: enters ? municipalityCode : (held?.municipalityCode ?? municipalityCode),
    items,
    itemsDigest: digest,
    dead: changeType === 'death',
  });
  residents.recordSequence(residentCode, municipalityCode, record.sequence, record.recordId);

  const changesDigest = held !== undefined && held.itemsDigest !== digest;
  const revokes =
    held !== undefined &&
    reason !== undefined &&
    (changeType === 'move-in' || changeType === 'correction'
      ? changesDigest || (changeType === 'correction' && seams.revokesOnEveryCorrection)
      : true);
  if (revokes) revocations.forResident(residentCode, reason, record.recordId, nowMs);
  return undefined;
}

/**
 * Links a certificate to its resident (NC-ISS-001..004); a digest that differs from the
 * resident's current four items queues its revocation with reason correction (d-digest-mismatch).
 */
export function linkCertificate(
  parts: EffectParts,
  notice: CertificateIssuanceNotice,
  nowMs: number,
): Problem | undefined {
  const { seams, residents, revocations } = parts;
  const held = residents.find(notice.residentCode);
  if ((!held || held.dead) && seams.refusesUnknownCertificateHolders)
    return unknownResident('the center holds no living resident with this residentCode');
  if (residents.certificate(notice.serialNumber))
    return conflict('this serialNumber is already linked under another recordId');
  const certificate = {
    serialNumber: notice.serialNumber,
    recordId: notice.recordId,
    residentCode: notice.residentCode,
    notAfter: notice.notAfter,
    itemsDigest: notice.itemsDigest,
  };
  if (!seams.linksFromAnyMunicipality && held?.municipalityCode !== notice.municipalityCode) return undefined;
  residents.link(certificate);
  if (
    held !== undefined &&
    seams.checksIssuanceDigest &&
    notice.itemsDigest !== held.itemsDigest &&
    revocations.isValid(certificate, nowMs)
  )
    revocations.request(certificate, 'correction', notice.recordId, nowMs);
  return undefined;
}
