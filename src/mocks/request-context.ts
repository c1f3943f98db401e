import type { ValidationOutcome } from '../evidence/ledger-entry.ts';
import type { ProblemDetails } from '../faults/fault-script.ts';

/**
 * What the fault engine decided for one request that the handler itself must carry out. The
 * runtime attaches it to the `Request` it gives msw; handlers served by msw's own `setupServer`
 * get the empty context, i.e. no faults.
 */
export interface MockRequestContext {
  /** Records to reject, by index in `body.records`, with the problem to answer for each. */
  readonly rejectRecords: ReadonlyMap<number, ProblemDetails>;
  /** The runtime's validation of the request body, so a handler does not validate it again. */
  readonly validated?: { readonly messageType: string; readonly outcome: ValidationOutcome };
}

const EMPTY: MockRequestContext = Object.freeze({ rejectRecords: new Map() });
/**
 * A property of the request, not a `WeakMap` entry: the young-generation collector keeps a weak
 * map's values alive until the next full collection, so under load every exchange's context
 * (and what it holds) would be copied and promoted.
 */
const CONTEXT = Symbol('tekigo.mock-request-context');

type WithContext = Request & { [CONTEXT]?: MockRequestContext };

export function setRequestContext(request: Request, context: MockRequestContext): void {
  (request as WithContext)[CONTEXT] = context;
}

export function requestContext(request: Request): MockRequestContext {
  return (request as WithContext)[CONTEXT] ?? EMPTY;
}
