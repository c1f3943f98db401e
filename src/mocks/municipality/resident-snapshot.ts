import { randomUUID } from 'node:crypto';
import type { ResidentSyncBatchRequest } from '../../spec/message-types.generated.ts';

export type ResidentSnapshotRecord = ResidentSyncBatchRequest['records'][number];

/**
 * One resident-sync record as the municipality sends it: the full snapshot of one version of a
 * resident (valid against `resident-sync/batch-request`); the suite passes records to
 * `send({ interface: 'resident-sync', records })`.
 */
export function residentSnapshot(
  resident: { readonly residentCode: string; readonly items: ResidentSnapshotRecord['items'] },
  version: number,
  fields: {
    readonly householdId?: string;
    readonly status?: ResidentSnapshotRecord['status'];
    readonly recordId?: string;
  } = {},
): ResidentSnapshotRecord {
  return {
    recordId: fields.recordId ?? randomUUID(),
    recordedAt: new Date().toISOString(),
    residentCode: resident.residentCode,
    version,
    items: resident.items,
    ...(fields.householdId === undefined ? {} : { householdId: fields.householdId }),
    status: fields.status ?? 'resident',
  };
}
