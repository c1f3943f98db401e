import type { SutResponse } from '../../src/client/sut-client.ts';
import type { ConformanceTest } from '../../src/conformance/conformance-suite.ts';
import { PERMANENT_REJECTION } from '../../src/conformance/profiles/problem-types.ts';
import { TekigoHarnessError } from '../../src/errors.ts';
import { type DeadLetter, deadLetters, ISSUANCES, reconciliationReport } from './ca-scenario.ts';

/** What the durability and operator-view tests share. */
export const UNKNOWN_SERIAL = '00000000DEADBEEF';

export const rejectSerials = (id: string, serials: readonly (string | undefined)[], times?: number) => ({
  id,
  interface: ISSUANCES,
  ...(times === undefined ? {} : { times }),
  when: { records: { pointer: '/serialNumber', in: serials } },
  action: { kind: 'reject-records', problem: PERMANENT_REJECTION },
});

/** Waits until the target holds a dead letter for each of these records; returns the list either way. */
export async function awaitDeadLetters(
  t: ConformanceTest,
  recordIds: readonly (string | undefined)[],
): Promise<DeadLetter[]> {
  const found = await t.waitFor(
    'the dead letters',
    async () => {
      const letters = await deadLetters(t);
      return recordIds.every((id) => letters.some((l) => l.recordId === id)) ? letters : undefined;
    },
    { timeoutMs: t.env.capabilities.parameters.deliveryBoundMs + 1_000 },
  );
  return found ?? deadLetters(t);
}

/** Waits until the target's outbound counts for `date` have nothing pending; returns its last report. */
export async function awaitNothingPending(
  t: ConformanceTest,
  date: string,
): Promise<Awaited<ReturnType<typeof reconciliationReport>>> {
  let last: Awaited<ReturnType<typeof reconciliationReport>> | undefined;
  await t.waitFor(
    'nothing pending',
    async () => {
      last = await reconciliationReport(t, date);
      const outbound = last.report?.entries.find((e) => e.direction === 'outbound');
      return outbound?.counts.pending === 0 ? true : undefined;
    },
    { timeoutMs: t.env.capabilities.parameters.deliveryBoundMs },
  );
  return last ?? reconciliationReport(t, date);
}

export const outcomesOf = (answer: SutResponse): (string | undefined)[] =>
  ((answer.body as { results?: { outcome?: string }[] } | null)?.results ?? []).map((r) => r.outcome);

export const ref = (answer: SutResponse) => ({ ledger: 'suite', seq: answer.entry.seq });

export const tooFewPlanned = () =>
  new TekigoHarnessError('PLAN_TOO_SHORT', 'planCertificates returned fewer certificates than asked for');
