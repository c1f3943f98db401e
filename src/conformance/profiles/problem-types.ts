/**
 * The problem types the suites judge against, taken from the protocol's one problem-type list
 * (`src/spec/problem-types.ts`, checked against specs/).
 */
import { PROBLEM_TYPE_URIS, type ProblemName, problem, problemTypeUri } from '../../spec/problem-types.ts';

export type ProblemTypeName = ProblemName;

export const problemUri = (name: ProblemTypeName): string => problemTypeUri(name);

export const PROBLEM_TYPES: readonly string[] = PROBLEM_TYPE_URIS;

/** A record-level rejection a sender must not retry: the mocks answer it in fault scripts. */
export const PERMANENT_REJECTION = (() => {
  const { type, title, status } = problem('unknown-resident');
  return { type, title, status } as const;
})();
