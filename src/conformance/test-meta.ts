import type { Finding, TestEvidence, Verdict } from '../report/report-model.ts';

/** What a conformance test leaves on its vitest task for the reporter; it must stay JSON. */
export interface ConformanceTestMeta {
  readonly id: string;
  readonly title: string;
  readonly requirements: readonly string[];
  readonly verdict: Verdict;
  readonly message: string;
  readonly findings: readonly Finding[];
  readonly evidence: TestEvidence;
  readonly capabilities?: unknown;
}

export const META_KEY = 'tekigo';

export function readConformanceMeta(meta: unknown): ConformanceTestMeta | undefined {
  if (meta === null || typeof meta !== 'object') return undefined;
  const value = (meta as Record<string, unknown>)[META_KEY];
  return value === undefined ? undefined : (value as ConformanceTestMeta);
}
