import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { canonicalJson, sha256Hex } from '../spec/canonical-json.ts';
import { defineCheck } from './define-check.ts';

/** One certificate request and what it was answered, as recorded. */
export interface IssuedAnswer {
  /** The certificate request as sent. */
  readonly request: {
    readonly requestId: string;
    readonly documentType: string;
    readonly scope?: string;
    readonly holder: { readonly residentCode: string };
  };
  /** null when no answer came (timeout, reset). */
  readonly status: number | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly evidence: readonly EvidenceRef[];
}

interface DocumentBody {
  requestId?: unknown;
  documentType?: unknown;
  subjects?: unknown;
  fields?: { residents?: { residentCode?: unknown }[] };
  printImage?: {
    data?: unknown;
    embedded?: { requestId?: unknown; subjectResidentCodes?: unknown; documentDigest?: unknown };
  };
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** The `embedded` member of an image's data, or undefined when the data does not decode. */
export function decodedEmbedded(data: unknown): unknown {
  if (typeof data !== 'string') return undefined;
  try {
    return (JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { embedded?: unknown }).embedded;
  } catch {
    return undefined;
  }
}

/** Why a 200 answer is not a document about its own requester (ISS-REQ-001), or undefined. */
export function notAboutRequester(answer: IssuedAnswer): string | undefined {
  const doc = answer.body as DocumentBody | null;
  const { request } = answer;
  if (doc?.requestId !== request.requestId)
    return `answered with the document of request ${String(doc?.requestId)}`;
  if (doc.documentType !== request.documentType) return `answered a ${String(doc.documentType)}`;
  const subjects = Array.isArray(doc.subjects) ? doc.subjects : [];
  if (subjects[0] !== request.holder.residentCode)
    return `a document about ${String(subjects[0])}, not the holder`;
  if ((request.scope ?? 'individual') === 'individual' && subjects.length !== 1)
    return 'a document about more than the holder';
  const listed = (doc.fields?.residents ?? []).map((r) => r.residentCode);
  if (!same(listed, subjects)) return 'fields.residents do not list the subjects';
  return undefined;
}

/** Why a 200 answer's print image is not its own (ISS-REQ-002), or undefined. */
export function imageNotOwn(answer: IssuedAnswer): string | undefined {
  const doc = answer.body as DocumentBody | null;
  const embedded = doc?.printImage?.embedded;
  if (!embedded) return 'no embedded identifiers';
  if (embedded.requestId !== doc?.requestId) return `image made for request ${String(embedded.requestId)}`;
  if (!same(embedded.subjectResidentCodes, doc?.subjects)) return 'image names other subjects';
  if (embedded.documentDigest !== sha256Hex(canonicalJson(doc?.fields ?? null)))
    return 'image digest is not the digest of the fields';
  if (!same(decodedEmbedded(doc?.printImage?.data), embedded)) return 'image data embeds other identifiers';
  return undefined;
}

/** A problem answer: an error status with a problem body. */
export const isProblemAnswer = (answer: IssuedAnswer): boolean =>
  answer.status !== null &&
  answer.status >= 400 &&
  typeof (answer.body as { type?: unknown } | null)?.type === 'string';

/** One finding per requirement over many answers: pass with a count, or fail naming the first offenders. */
export function summarize(
  requirement: string,
  judged: readonly { answer: IssuedAnswer; why: string | undefined }[],
  what: string,
): Finding {
  const bad = judged.filter((j) => j.why !== undefined);
  return bad.length === 0
    ? {
        requirement,
        verdict: 'pass',
        message: `${judged.length} ${what}`,
        evidence: judged.flatMap((j) => j.answer.evidence),
      }
    : {
        requirement,
        verdict: 'fail',
        message: `${bad.length} of ${judged.length} answers: ${bad
          .slice(0, 3)
          .map((j) => `request ${j.answer.request.requestId} ${j.why}`)
          .join('; ')}`,
        evidence: bad.flatMap((j) => j.answer.evidence),
      };
}

/**
 * ISS-REQ-001, ISS-REQ-002, ISS-REQ-003 and GEN-TMO-005: every answer to a certificate request
 * is its own document — about its holder, with its requestId and documentType, and an image
 * whose embedded identifiers and digest are those of that document — or a problem; never a
 * document or image made for another request.
 */
export const documentsOwn = defineCheck<readonly IssuedAnswer[]>({
  name: 'documents-own',
  requirements: ['ISS-REQ-001', 'ISS-REQ-002', 'ISS-REQ-003', 'GEN-TMO-005'],
  judge(answers): Finding[] {
    const documents = answers.filter((a) => a.status === 200);
    const about = documents.map((answer) => ({ answer, why: notAboutRequester(answer) }));
    const images = documents.map((answer) => ({ answer, why: imageNotOwn(answer) }));
    const either = answers.map((answer) => ({
      answer,
      why:
        answer.status === 200
          ? (notAboutRequester(answer) ?? imageNotOwn(answer))
          : isProblemAnswer(answer)
            ? undefined
            : `answered ${answer.status ?? 'nothing'} without a problem`,
    }));
    const findings = [
      summarize('ISS-REQ-003', either, 'answers, each its own document or a problem'),
      summarize('GEN-TMO-005', about, 'documents, each holding only data of its own request'),
    ];
    if (documents.length === 0)
      return [
        ...findings,
        ...['ISS-REQ-001', 'ISS-REQ-002'].map(
          (requirement): Finding => ({
            requirement,
            verdict: 'inconclusive',
            message: 'no request was answered with a document, so none could be compared with its request',
            evidence: answers.flatMap((a) => a.evidence),
          }),
        ),
      ];
    return [
      summarize(
        'ISS-REQ-001',
        about,
        'documents, each about its own holder with its own requestId and documentType',
      ),
      summarize('ISS-REQ-002', images, 'print images, each embedding its own requestId, subjects and digest'),
      ...findings,
    ];
  },
});
