import { randomUUID } from 'node:crypto';
import type { RevocationReason } from '../../spec/message-types.generated.ts';
import type { Outbox } from '../shared/outbox.ts';
import { AUTHORITY, REVOCATIONS } from './capabilities.ts';
import type { LinkedCertificate, ResidentStore } from './resident-store.ts';

/**
 * Linked revocation (NC-REV-001..006): queues one revocation request per valid certificate, in
 * the transaction that accepts its cause, so that it is sent at least once even after a crash.
 */
export class Revocations {
  readonly #residents: ResidentStore;
  readonly #outbox: Outbox;

  constructor(residents: ResidentStore, outbox: Outbox) {
    this.#residents = residents;
    this.#outbox = outbox;
  }

  /**
   * Valid (specs/README.md, d-valid-certificate): not expired, and no revocation request pending
   * or answered accepted or duplicate. A dead-lettered request leaves the certificate valid.
   */
  isValid(certificate: LinkedCertificate, nowMs: number): boolean {
    if (Date.parse(certificate.notAfter) <= nowMs) return false;
    return !this.#residents.revocationsOf(certificate.serialNumber).some((recordId) => {
      const state = this.#outbox.stateOf(recordId);
      return state === 'pending' || state === 'accepted' || state === 'duplicate';
    });
  }

  /** Every valid certificate of the resident; returns the queued revocation recordIds. */
  forResident(
    residentCode: string,
    reason: RevocationReason,
    changeRecordId: string | undefined,
    nowMs: number,
  ): string[] {
    return this.#residents
      .certificatesOf(residentCode)
      .filter((certificate) => this.isValid(certificate, nowMs))
      .map((certificate) => this.request(certificate, reason, changeRecordId, nowMs));
  }

  request(
    certificate: LinkedCertificate,
    reason: RevocationReason,
    changeRecordId: string | undefined,
    nowMs: number,
  ): string {
    const recordId = randomUUID();
    const recordedAt = new Date(nowMs).toISOString();
    this.#residents.noteRevocation(recordId, certificate.serialNumber);
    this.#outbox.enqueue(
      [
        {
          recordId,
          interfaceName: REVOCATIONS,
          peer: AUTHORITY,
          recordedAt,
          payload: {
            recordId,
            recordedAt,
            serialNumber: certificate.serialNumber,
            residentCode: certificate.residentCode,
            reason,
            ...(changeRecordId === undefined ? {} : { changeRecordId }),
          },
        },
      ],
      nowMs,
    );
    return recordId;
  }
}
