import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { stringsOf } from './check-internal-error-concealed.ts';
import { defineCheck } from './define-check.ts';

/**
 * Judgements over one recorded answer of the target, for whichever requirement a test applies
 * them to: each factory gives a definition that concludes on that one requirement.
 */

/** A recorded answer: what was sent in a finding's words, the answer, where it is in the evidence. */
export interface RecordedAnswer {
  readonly what: string;
  readonly status: number | null;
  readonly body: unknown;
  readonly evidence: readonly EvidenceRef[];
}

const problemTypeOf = (body: unknown): string | undefined => {
  const type = (body as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
};

/**
 * Whether a refusal's pointer names the declared field. Validators differ by one level
 * (specs/README.md, "Failure pointers"), so the declared pointer, its parent or a child counts.
 */
export function pointerNames(declared: string, pointer: unknown): boolean {
  if (typeof pointer !== 'string') return false;
  if (pointer === declared) return true;
  const parent = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/')));
  return (
    (declared !== '' && pointer === parent(declared)) || (pointer !== '' && parent(pointer) === declared)
  );
}

export interface NamedRefusal extends RecordedAnswer {
  /** The status the refusal must have, and the field its problem's errors must name (if any). */
  readonly expectedStatus: number;
  readonly pointer?: string;
}

/** A refusal with the expected status whose problem names the field (`errors[].pointer`). */
export const refusalNamesField = (requirement: string) =>
  defineCheck<NamedRefusal>({
    name: 'refusal-names-field',
    requirements: [requirement],
    judge(answer): Finding {
      const errors = (answer.body as { errors?: { pointer?: unknown }[] } | null)?.errors;
      const pointers = Array.isArray(errors) ? errors.map((e) => e?.pointer) : [];
      const { pointer } = answer;
      const named =
        answer.status === answer.expectedStatus &&
        (pointer === undefined || pointers.some((p) => pointerNames(pointer, p)));
      return {
        requirement,
        verdict: named ? 'pass' : 'fail',
        message:
          pointer === undefined
            ? `${answer.what} was answered ${answer.status} (expected ${answer.expectedStatus})`
            : `${answer.what} was answered ${answer.status} naming ${JSON.stringify(pointers)} (expected ${answer.expectedStatus} naming ${pointer})`,
        evidence: answer.evidence,
      };
    },
  });

export interface ExpectedProblem extends RecordedAnswer {
  /** Statuses any of which is right, and the problem type the answer must carry. */
  readonly statuses: readonly number[];
  readonly problemType: string;
}

/** An answer with one of the expected statuses and a problem of the expected type. */
export const answeredProblem = (requirement: string) =>
  defineCheck<ExpectedProblem>({
    name: 'answered-problem',
    requirements: [requirement],
    judge(answer): Finding {
      const type = problemTypeOf(answer.body);
      const right =
        answer.status !== null && answer.statuses.includes(answer.status) && type === answer.problemType;
      return {
        requirement,
        verdict: right ? 'pass' : 'fail',
        message: `${answer.what} was answered ${answer.status ?? 'nothing'} ${type ?? ''} (expected ${answer.statuses.join(' or ')} ${answer.problemType})`,
        evidence: answer.evidence,
      };
    },
  });

export interface ExpectedOutcomes extends RecordedAnswer {
  /** The outcome of each record in request order; a rejection as `rejected:<problem type>`. */
  readonly expected: readonly string[];
  /** Compare as sets (concurrent requests, whose order is not the target's to keep). */
  readonly unordered?: boolean;
}

/** The per-record outcomes of one or more batch answers (their `results`, concatenated). */
export function outcomesOf(body: unknown): string[] {
  const bodies = Array.isArray(body) ? body : [body];
  return bodies.flatMap((b) => {
    const results = (b as { results?: { outcome?: unknown; problem?: { type?: unknown } }[] } | null)
      ?.results;
    return (Array.isArray(results) ? results : []).map((r) =>
      r?.outcome === 'rejected' ? `rejected:${String(r.problem?.type ?? '')}` : String(r?.outcome),
    );
  });
}

/** Batch answers whose records got exactly the expected outcomes. */
export const recordOutcomes = (requirement: string) =>
  defineCheck<ExpectedOutcomes>({
    name: 'record-outcomes',
    requirements: [requirement],
    judge(answer): Finding {
      const got = outcomesOf(answer.body);
      const order = (list: readonly string[]) => (answer.unordered ? [...list].sort() : [...list]);
      const same = JSON.stringify(order(got)) === JSON.stringify(order(answer.expected));
      return {
        requirement,
        verdict: same ? 'pass' : 'fail',
        message: `${answer.what} was answered ${JSON.stringify(got)} (expected ${JSON.stringify(answer.expected)})`,
        evidence: answer.evidence,
      };
    },
  });

export interface BatchResultShape extends RecordedAnswer {
  /** The batchId of the request, and its records' ids in request order. */
  readonly batchId: string | undefined;
  readonly recordIds: readonly string[];
}

/** GEN-BAT-001: the request's batchId and one result per record, in request order. */
export const batchResultShape = defineCheck<BatchResultShape>({
  name: 'batch-result-shape',
  requirements: ['GEN-BAT-001'],
  judge(answer): Finding {
    const body = answer.body as { batchId?: unknown; results?: { recordId?: unknown }[] } | null;
    const results = Array.isArray(body?.results) ? body.results : [];
    const ids = results.map((r) => String(r?.recordId));
    const right =
      body?.batchId === answer.batchId &&
      ids.length === answer.recordIds.length &&
      ids.every((id, i) => id === answer.recordIds[i]);
    const short = (list: readonly string[]) => JSON.stringify(list.map((id) => id.slice(0, 8)));
    return {
      requirement: 'GEN-BAT-001',
      verdict: right ? 'pass' : 'fail',
      message: `${answer.what} was answered ${answer.status} under batchId ${JSON.stringify(body?.batchId ?? null)} with results for ${short(ids)} (expected ${short(answer.recordIds)}, in that order, under ${answer.batchId})`,
      evidence: answer.evidence,
    };
  },
});

export interface ErrorWithPersonalData extends RecordedAnswer {
  /** The personal data the request carried, each with what it is in a finding's words. */
  readonly personal: readonly (readonly [string, string])[];
}

/** GEN-SEC-006: the error body holds none of the personal data the request carried. */
export const noPersonalDataInError = defineCheck<ErrorWithPersonalData>({
  name: 'no-personal-data-in-error',
  requirements: ['GEN-SEC-006'],
  judge(answer): Finding {
    const text = stringsOf(answer.body).join('\n');
    const leaked = answer.personal
      .filter(([, value]) => value !== '' && text.includes(value))
      .map(([name]) => name);
    return {
      requirement: 'GEN-SEC-006',
      verdict: leaked.length === 0 ? 'pass' : 'fail',
      message: `${answer.what} was answered ${answer.status}${leaked.length ? ` with ${leaked.join(', ')} in the body` : ' without personal data in the body'}`,
      evidence: answer.evidence,
    };
  },
});

export interface ProblemMedia extends RecordedAnswer {
  readonly contentType: string | undefined;
  /** Whether the body validated as common/problem when it was recorded. */
  readonly validProblem: boolean | undefined;
}

/** GEN-ERR-001: an error answer is application/problem+json with a body that validates as a problem. */
export const problemJson = defineCheck<ProblemMedia>({
  name: 'problem-json',
  requirements: ['GEN-ERR-001'],
  judge(answer): Finding {
    const media = (answer.contentType ?? '').startsWith('application/problem+json');
    const ok = media && answer.validProblem === true;
    return {
      requirement: 'GEN-ERR-001',
      verdict: ok ? 'pass' : 'fail',
      message: `${answer.what}: ${ok ? 'a valid problem+json body' : `content-type ${answer.contentType ?? 'none'}, body ${answer.validProblem === false ? 'invalid' : 'not a problem'}`}`,
      evidence: answer.evidence,
    };
  },
});

export interface EchoedCorrelation extends RecordedAnswer {
  /** The correlation id the request carried, and the one of the answer's header. */
  readonly sent: string;
  readonly header: string | undefined;
  /** Also judge the problem body's correlationId (an error answer). */
  readonly inBody?: boolean;
}

/** GEN-OBS-001: the answer echoes the request's correlation id (and, for a problem, holds it). */
export const correlationEchoed = defineCheck<EchoedCorrelation>({
  name: 'correlation-echoed',
  requirements: ['GEN-OBS-001'],
  judge(answer): Finding {
    const body = (answer.body as { correlationId?: unknown } | null)?.correlationId;
    const echoed = answer.header === answer.sent;
    const held = !answer.inBody || body === answer.sent;
    return {
      requirement: 'GEN-OBS-001',
      verdict: echoed && held ? 'pass' : 'fail',
      message: `${answer.what}: X-Correlation-Id ${echoed ? 'echoed' : `answered ${JSON.stringify(answer.header ?? null)} instead of`} ${answer.sent}${answer.inBody ? `, ${body === answer.sent ? 'in' : 'missing from'} the problem` : ''}`,
      evidence: answer.evidence,
    };
  },
});
