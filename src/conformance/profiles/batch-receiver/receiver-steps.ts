import type { SutResponse } from '../../../client/sut-client.ts';
import { TekigoEnvironmentError, TekigoHarnessError } from '../../../errors.ts';
import type { EvidenceRef } from '../../../report/report-model.ts';
import type { ConformanceTest } from '../../conformance-suite.ts';
import { requireInterface } from '../profile-kit.ts';
import type { ReceiverAdapter, RoleAdapter } from '../role-adapter.ts';
import { ref } from './receiver-judges.ts';

/** Steps the batch-receiver profile's tests share: posting batches, reading results, still serving. */

export interface RecordResultBody {
  readonly recordId?: string;
  readonly outcome?: string;
  readonly problem?: { readonly type?: string };
}

/** The per-record results of a batch answer, in request order. */
export const resultsOf = (answer: SutResponse): readonly RecordResultBody[] => {
  const results = (answer.body as { results?: unknown } | null)?.results;
  return Array.isArray(results) ? (results as RecordResultBody[]) : [];
};

/** Ends the test as not applicable unless the target declares it receives this interface. */
export function requireReceives(t: ConformanceTest, receiver: ReceiverAdapter): void {
  requireInterface(t, receiver.interface, 'receiver');
}

/** `count` prepared records, or a harness error naming the adapter when it made fewer. */
export async function prepared(
  t: ConformanceTest,
  receiver: ReceiverAdapter,
  count: number,
): Promise<readonly unknown[]> {
  const records = await receiver.prepare(t, count);
  if (records.length < count)
    throw new TekigoHarnessError(
      'TOO_FEW_RECORDS',
      `the ${receiver.interface} adapter prepared ${records.length} records of the ${count} asked`,
    );
  return records;
}

/** POSTs a body (a batch, or anything else) to the interface's path through the suite's client. */
export function postBatch(
  t: ConformanceTest,
  receiver: ReceiverAdapter,
  body: unknown,
  headers?: Record<string, string>,
): Promise<SutResponse> {
  return t.env.sut.post(receiver.path, body, {
    interface: receiver.interface,
    ...(receiver.requestType ? { requestType: receiver.requestType } : {}),
    ...(receiver.responseType ? { responseType: receiver.responseType } : {}),
    ...(headers ? { headers } : {}),
  });
}

/** A raw POST to the interface as JSON with its own correlation id, still without a body. */
export const rawPost = (receiver: ReceiverAdapter) => ({
  method: 'POST',
  path: receiver.path,
  headers: { 'content-type': 'application/json', 'x-correlation-id': crypto.randomUUID() },
  interface: receiver.interface,
});

/** The record sent alone, answered accepted: nothing of an earlier refused request was stored. */
export async function acceptedWhole(
  t: ConformanceTest,
  receiver: ReceiverAdapter,
  record: unknown,
): Promise<{ readonly accepted: boolean; readonly outcome: string; readonly answer: SutResponse }> {
  const answer = await postBatch(t, receiver, receiver.batch([record]));
  const outcome = receiver.outcomes
    ? receiver.outcomes(answer, [record])[0]
    : receiver.outcomeOf
      ? receiver.outcomeOf(answer)
      : resultsOf(answer)[0]?.outcome;
  return { accepted: outcome === 'accepted', outcome: outcome ?? String(answer.status), answer };
}

/** The first probe of the role, or its health when it has none: a request any healthy target answers. */
export function probe(t: ConformanceTest, adapter: RoleAdapter): Promise<SutResponse> {
  const [first] = adapter.probes;
  return first
    ? t.env.sut.get(first.path, { interface: first.interface })
    : t.env.sut.get('/health', { interface: 'health' });
}

/** A probe is answered when it gets a status below 500 (a probe may name something absent: 404). */
export const answered = (probed: SutResponse): boolean => probed.status !== null && probed.status < 500;

/** Health and a probe answered, by the same process when tekigo launched it. */
export async function stillServing(
  t: ConformanceTest,
  adapter: RoleAdapter,
): Promise<{ ok: boolean; message: string; evidence: EvidenceRef[] }> {
  try {
    const health = await t.env.sut.get('/health', { interface: 'health' });
    const probed = await probe(t, adapter);
    const control = t.env.control;
    const running = control ? await control.isRunning() : null;
    const observed = t.observe('target-process', { observable: control !== null, running });
    return {
      ok: health.status === 200 && answered(probed) && running !== false,
      message: `/health answered ${health.status}, ${probed.entry.path} ${probed.status}, ${running === null ? 'process not observable (tekigo did not start it)' : running ? 'the process tekigo started still running' : 'the process tekigo started is gone'}`,
      evidence: [ref(health), ref(probed), observed],
    };
  } catch (error) {
    if (!(error instanceof TekigoEnvironmentError && error.code === 'TARGET_UNREACHABLE')) throw error;
    return {
      ok: false,
      message: `the target stopped accepting connections (${error.message})`,
      evidence: [],
    };
  }
}
