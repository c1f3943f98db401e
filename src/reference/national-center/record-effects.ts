import type {
  CertificateIssuanceNotice,
  ChangedItems,
  FourBasicItems,
  RevocationReason,
} from '../../spec/message-types.generated.ts';
import { type Problem, problem } from '../../spec/problem-types.ts';
import { itemsDigest } from '../shared/items-digest.ts';
import type { ResidentStore } from './resident-store.ts';
import { mergeItems } from './resident-store.ts';
import type { Revocations } from './revocations.ts';
import type { NationalCenterSeams } from './seams.ts';

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

export interface EffectParts {
  readonly seams: NationalCenterSeams;
  readonly residents: ResidentStore;
  readonly revocations: Revocations;
}

/**
 * Decides and applies one resident change from `municipalityCode` (specs/README.md, d-rc-scope,
 * d-rc-rules, d-record-precedence): after the inbox's recordId check, conflict of municipality and
 * sequence, then unknown-resident, then stale-sequence, then the other conflicts. An applied
 * change that revokes (d-triggers) queues its revocations in the same transaction.
 */
export function applyChange(
  parts: EffectParts,
  municipalityCode: string,
  record: ChangeRecord,
  nowMs: number,
): Problem | undefined {
  const { seams, residents, revocations } = parts;
  const { residentCode, changeType, sequence } = record;
  if (residents.sequenceUsedBy(municipalityCode, sequence) !== undefined)
    return conflict(
      `sequence ${sequence} of municipality ${municipalityCode} is already used by another record`,
    );
  const held = residents.find(residentCode);
  if (held?.dead) return unknownResident('the resident died: no later change is applied');
  const entering = changeType === 'birth' || changeType === 'move-in';
  if (!entering && held?.municipalityCode !== municipalityCode)
    return unknownResident('the resident is not held under the sending municipality');
  const highest = residents.highestSequence(residentCode, municipalityCode);
  if (seams.refusesStaleSequences && highest !== undefined && sequence < highest) {
    return problem('stale-sequence', {
      status: 409,
      title: 'Stale sequence',
      detail: 'a change with a higher sequence from this municipality is already applied to the resident',
    });
  }
  if (changeType === 'birth' && held) return conflict('a birth for a resident already held');
  if (changeType === 'move-in' && held?.municipalityCode === municipalityCode)
    return conflict('a move-in from the municipality the resident is already held under');

  const items: FourBasicItems = held
    ? mergeItems(held.items, record.items)
    : (record.items as FourBasicItems);
  const digest = itemsDigest(items);
  residents.save({
    residentCode,
    municipalityCode: entering ? municipalityCode : (held?.municipalityCode ?? municipalityCode),
    items,
    itemsDigest: digest,
    dead: changeType === 'death',
  });
  residents.recordSequence(residentCode, municipalityCode, sequence, record.recordId);

  const reason = REASONS[changeType];
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
  if (!held || held.dead)
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
  residents.link(certificate);
  if (
    seams.checksIssuanceDigest &&
    notice.itemsDigest !== held.itemsDigest &&
    revocations.isValid(certificate, nowMs)
  )
    revocations.request(certificate, 'correction', notice.recordId, nowMs);
  return undefined;
}
