import { canonicalJson, sha256Hex } from '../../spec/canonical-json.ts';
import type { CertificateRequest, CertificateResponse } from '../../spec/message-types.generated.ts';
import type { ResidentSnapshot } from './resident-store.ts';

export const PRINT_IMAGE_MEDIA_TYPE = 'application/vnd.tekigo.print-image+json';

export type PrintImage = CertificateResponse['printImage'];
export type DocumentFields = Record<string, unknown>;

/** A rendered document: what the answer carries, made for one request. */
export interface RenderedDocument {
  readonly response: CertificateResponse;
  /** The subjects' recordIds, for the audit log (ISS-REQ-009). */
  readonly recordIds: readonly string[];
}

/** The authority a document is issued in the name of, as printed. */
const issuingAuthority = (municipalityCode: string): string => `市区町村長 (${municipalityCode})`;

/** The document's fields from one snapshot of each subject, holder first. */
export function documentFields(
  request: CertificateRequest,
  subjects: readonly ResidentSnapshot[],
): DocumentFields {
  const { municipalityCode } = request.holder;
  const entry = (s: ResidentSnapshot) => ({ residentCode: s.residentCode, items: s.items });
  const holder = subjects[0];
  switch (request.documentType) {
    case 'seal-registration':
      return {
        municipalityCode,
        issuingAuthority: issuingAuthority(municipalityCode),
        residents: subjects.slice(0, 1).map(entry),
        sealRegistrationNumber: `S-${holder?.residentCode ?? '0'}`,
      };
    case 'family-register-extract':
      return {
        municipalityCode,
        issuingAuthority: issuingAuthority(municipalityCode),
        registeredDomicile: holder?.items.address ?? '-',
        residents: subjects.slice(0, 1).map(entry),
      };
    default:
      return {
        municipalityCode,
        issuingAuthority: issuingAuthority(municipalityCode),
        residents: subjects.map((s, i) => ({ ...entry(s), householdRelation: i === 0 ? '本人' : '世帯員' })),
      };
  }
}

/** SHA-256 (lowercase hex) of the canonical JSON of a document's fields. */
export const documentDigest = (fields: unknown): string => sha256Hex(canonicalJson(fields));

/** The print image of a document: its embedded identifiers, and the same in its data. */
export function renderImage(
  requestId: string,
  subjectResidentCodes: readonly string[],
  fields: DocumentFields,
): PrintImage {
  const embedded = {
    requestId,
    subjectResidentCodes: [...subjectResidentCodes],
    documentDigest: documentDigest(fields),
  } as PrintImage['embedded'];
  const data = Buffer.from(JSON.stringify({ embedded, fields }), 'utf8').toString('base64');
  return { mediaType: PRINT_IMAGE_MEDIA_TYPE, data, embedded };
}

/** Renders the whole answer for a request from its subjects' snapshots. */
export function renderDocument(
  request: CertificateRequest,
  subjects: readonly ResidentSnapshot[],
): RenderedDocument {
  const fields = documentFields(request, subjects);
  const codes = subjects.map((s) => s.residentCode);
  const response = {
    requestId: request.requestId,
    documentType: request.documentType,
    issuedAt: new Date().toISOString(),
    subjects: codes,
    fields,
    printImage: renderImage(request.requestId, codes, fields),
  } as CertificateResponse;
  return { response, recordIds: subjects.map((s) => s.recordId) };
}

/**
 * The last check before a document is handed over (ISS-REQ-006): the image was made for this
 * request, names its subjects and carries the digest of its fields, in its data as well.
 */
export function imageBelongsTo(image: PrintImage, requestId: string, response: CertificateResponse): boolean {
  const { embedded } = image;
  if (embedded.requestId !== requestId || response.requestId !== requestId) return false;
  if (canonicalJson(embedded.subjectResidentCodes) !== canonicalJson(response.subjects)) return false;
  if (embedded.documentDigest !== documentDigest(response.fields)) return false;
  try {
    const decoded = JSON.parse(Buffer.from(image.data, 'base64').toString('utf8')) as { embedded?: unknown };
    return canonicalJson(decoded.embedded) === canonicalJson(embedded);
  } catch {
    return false;
  }
}
