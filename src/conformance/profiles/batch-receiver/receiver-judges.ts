import { noPersonalDataInError, refusalNamesField } from '../../../checks/check-answer-judgements.ts';
import { problemBody } from '../../../checks/check-problem-body.ts';
import { createRawHttpClient, type RawHttpClient } from '../../../client/raw-http-client.ts';
import type { SutResponse } from '../../../client/sut-client.ts';
import { TekigoEnvironmentError } from '../../../errors.ts';
import type { ExchangeEntry } from '../../../evidence/ledger-entry.ts';
import type { EvidenceRef } from '../../../report/report-model.ts';
import type { ConformanceTest } from '../../conformance-suite.ts';
import type { syntheticResident } from '../../synthetic-data.ts';

export { pointerNames } from '../../../checks/check-answer-judgements.ts';
export { INTERNALS, stringsOf } from '../../../checks/check-internal-error-concealed.ts';

/**
 * Judgements every receiver gets, whatever its role: the problem body of an error answer
 * (GEN-ERR-002, GEN-OBS-003), a refusal naming the field, no personal data in an
 * error, surviving hostile steps, and the receiver limits of the spec.
 */

export type PersonalItems = ReturnType<typeof syntheticResident>['items'];

export const MIB = 1024 * 1024;

/** GEN-VAL-002: a body larger than this must be refused while it is still arriving. */
export const BODY_LIMIT_BYTES = 16 * MIB;

/**
 * Well past the limit: a receiver that refuses as soon as it has read one byte too many answers
 * while megabytes are still to be sent, whatever the network buffers in between.
 */
export const OVERSIZED_BODY_BYTES = 2 * BODY_LIMIT_BYTES;

/** GEN-TMO-001: the deadline for complete request headers. */
export const HEADERS_DEADLINE_MS = 10_000;

/** Scheduling slack on the spec's own deadlines. */
export const DEADLINE_TOLERANCE_MS = 500;

/** How long a raw exchange waits for an answer the target owes at once. */
export const ANSWER_WAIT_MS = 3_000;

export const CORRELATION_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Lowercase, with an RFC 4122 version and variant. */
export const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export interface Answer {
  readonly status: number | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Where an exchange of the suite's client or of its raw client sits in the test's evidence. */
export const ref = (of: ExchangeEntry | { readonly entry: ExchangeEntry }): EvidenceRef => ({
  ledger: 'suite',
  seq: ('entry' in of ? of.entry : of).seq,
});

/** For what the suite's client will not send; its exchanges land in the test's evidence. */
export const rawClient = (t: ConformanceTest): RawHttpClient =>
  createRawHttpClient({
    baseUrl: t.env.targetUrl,
    ledger: t.env.ledger,
    validate: t.env.spec.validate,
    answerWaitMs: ANSWER_WAIT_MS,
  });

export function problemType(answer: Answer | null): string | undefined {
  const type = (answer?.body as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
}

/** The status and the field a refusal must name; the problem judged as every problem is. */
export function expectNamed(
  t: ConformanceTest,
  requirement: string,
  what: string,
  answer: SutResponse,
  status: number,
  pointer: string,
  judge = true,
): void {
  t.apply(refusalNamesField(requirement), {
    what,
    status: answer.status,
    body: answer.body,
    expectedStatus: status,
    pointer,
    evidence: [ref(answer)],
  });
  if (judge) judgeProblem(t, what, answer, [ref(answer)]);
}

/**
 * GEN-ERR-002 and GEN-OBS-003 on an error answer that has a body, through the check definition
 * `problem-body`. An unexpected 500 is judged by the test's own requirements (it is not the
 * answer they ask for); how an internal failure is answered (GEN-ERR-003) is judged only where
 * one is provoked on purpose, by the internal-failure profile.
 */
export function judgeProblem(
  t: ConformanceTest,
  what: string,
  answer: Answer,
  evidence: readonly EvidenceRef[] = [],
): void {
  const input = { what, status: answer.status, headers: answer.headers, body: answer.body, evidence };
  t.apply(problemBody, input);
}

/** The personal data of four items an error must not quote, each named in a finding's words. */
export function personalValues(items: PersonalItems): [string, string][] {
  return [
    ['the name', items.name.kanji],
    ['the kana', items.name.kana],
    ['the given name', items.name.kanji.split(' ').at(-1) ?? ''],
    ['the address', items.address],
    ['the date of birth', items.dateOfBirth],
  ];
}

/** GEN-SEC-006: the error body holds none of the four items the request carried. */
export function noPersonalData(
  t: ConformanceTest,
  what: string,
  answer: SutResponse,
  items: PersonalItems,
): void {
  t.apply(noPersonalDataInError, {
    what,
    status: answer.status,
    body: answer.body,
    personal: personalValues(items),
    evidence: [ref(answer)],
  });
}

/**
 * Hostile steps: a target that stops accepting connections in the middle of them fails
 * `requirement` (it did not survive) rather than ending the test as a harness error.
 */
export async function survives(
  t: ConformanceTest,
  requirement: string,
  steps: () => Promise<void>,
): Promise<void> {
  try {
    await steps();
  } catch (error) {
    if (!(error instanceof TekigoEnvironmentError && error.code === 'TARGET_UNREACHABLE')) throw error;
    const { seq } = error.details;
    t.check(
      requirement,
      false,
      `the target stopped accepting connections: ${error.message}`,
      typeof seq === 'number' ? [{ ledger: 'suite', seq }] : [],
    );
  }
}
