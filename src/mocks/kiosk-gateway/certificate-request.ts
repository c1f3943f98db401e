import { randomUUID } from 'node:crypto';
import type { CertificateRequest } from '../../spec/message-types.generated.ts';

export interface CertificateRequestFields {
  readonly documentType?: CertificateRequest['documentType'];
  readonly scope?: CertificateRequest['scope'];
  readonly requestId?: string;
  readonly copies?: number;
  readonly kioskId?: string;
}

/**
 * A certificate request as the kiosk gateway sends it for a card holder (valid against
 * `certificate-requests/request`); the suite passes it to `send({ interface: 'certificate-requests', body })`.
 */
export function certificateRequest(
  holder: { readonly residentCode: string; readonly municipalityCode: string },
  fields: CertificateRequestFields = {},
): CertificateRequest {
  return {
    requestId: fields.requestId ?? randomUUID(),
    kioskId: fields.kioskId ?? 'CVS-0001-TEST',
    requestedAt: new Date().toISOString(),
    holder: { residentCode: holder.residentCode, municipalityCode: holder.municipalityCode },
    documentType: fields.documentType ?? 'residence-record',
    ...(fields.scope === undefined ? {} : { scope: fields.scope }),
    copies: fields.copies ?? 1,
  };
}
