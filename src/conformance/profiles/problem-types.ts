/**
 * The problem types the suites judge against (specs/README.md), in one place so that they can be
 * replaced by the protocol's own problem-type list in one edit.
 */
export const PROBLEM_TYPE_NAMES = [
  'validation',
  'conflict',
  'stale-sequence',
  'unknown-resident',
  'unknown-certificate',
  'unknown-batch',
  'payload-too-large',
  'unsupported-media-type',
  'overloaded',
  'timeout',
  'unavailable',
  'unauthorized',
  'forbidden',
  'not-found',
  'not-test-mode',
  'internal',
] as const;

export type ProblemTypeName = (typeof PROBLEM_TYPE_NAMES)[number];

export const problemUri = (name: ProblemTypeName): string => `urn:tekigo:problem:${name}`;

export const PROBLEM_TYPES: readonly string[] = PROBLEM_TYPE_NAMES.map(problemUri);

/** A record-level rejection a sender must not retry: the mocks answer it in fault scripts. */
export const PERMANENT_REJECTION = {
  type: problemUri('unknown-resident'),
  title: 'Unknown resident',
  status: 422,
} as const;
