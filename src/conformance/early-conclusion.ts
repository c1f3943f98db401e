import { applyCheck, type CheckDefinition } from '../checks/define-check.ts';
import type { Finding } from '../report/report-model.ts';

type Judged = Finding | readonly Finding[];

/**
 * Tells a wait (`t.waitFor(…, { concludeIf })`) that the verdict is already certain: true once
 * `judge`, run over the evidence gathered so far, fails. Only for judgements whose failure later
 * evidence cannot undo (a record sent again after its rejection, a batch shown completed while
 * a record is pending, a retry seen too soon): against a conformant target such a judgement
 * never fails, so the wait, and the test, run exactly as without it. Against a failing target
 * the test's other judgements see only the evidence gathered so far: use it only where more
 * evidence could not turn one of them from pass to fail (NC-C01 after its crash), never where a
 * requirement is judged against a bound not yet reached (a delivery deadline).
 */
export function failsAlready(judge: () => Judged | Promise<Judged>): () => Promise<boolean> {
  return async () => {
    const judged = await judge();
    return (Array.isArray(judged) ? (judged as readonly Finding[]) : [judged as Finding]).some(
      (finding) => finding.verdict === 'fail',
    );
  };
}

/** `failsAlready` for a check definition over the input gathered so far. */
export function definitionFailsAlready<Input>(
  check: CheckDefinition<Input>,
  input: () => Input,
): () => Promise<boolean> {
  return failsAlready(() => applyCheck(check, input()));
}

/**
 * Polls `probe` until it returns a value other than undefined, `concludeIf` says the verdict is
 * certain (then undefined, at once), or `timeoutMs` is over (undefined).
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  {
    timeoutMs,
    intervalMs = 25,
    concludeIf,
  }: { timeoutMs: number; intervalMs?: number; concludeIf?: () => boolean | Promise<boolean> },
): Promise<T | undefined> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (concludeIf && (await concludeIf())) return undefined;
    if (performance.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
