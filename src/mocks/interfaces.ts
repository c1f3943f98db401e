import { TekigoUsageError } from '../errors.ts';
import type { ResponseTypeSpec } from '../evidence/validate.ts';

/** One record-carrying interface of the protocol: who sends, who serves, and its messages. */
export interface InterfaceSpec {
  readonly name: string;
  /** The party that sends the request. */
  readonly from: string;
  /** The party that serves it. */
  readonly to: string;
  readonly method: 'POST';
  readonly path: string;
  readonly requestType: string;
  readonly responseType: ResponseTypeSpec;
}

const spec = (
  name: string,
  from: string,
  to: string,
  path: string,
  requestType: string,
  responseType: string,
): InterfaceSpec => ({ name, from, to, method: 'POST', path, requestType, responseType });

/**
 * The table of `specs/README.md` ("Interfaces and message types") for the exchanges a mock sends
 * or receives; `interfaces.test.ts` keeps the two in step.
 */
export const INTERFACES: Readonly<Record<string, InterfaceSpec>> = Object.fromEntries(
  [
    spec(
      'resident-changes',
      'municipality',
      'national-center',
      '/resident-changes',
      'resident-changes/batch-request',
      'resident-changes/batch-result',
    ),
    spec(
      'certificate-issuances',
      'certification-authority',
      'national-center',
      '/certificate-issuances',
      'certificate-issuances/batch-request',
      'certificate-issuances/batch-result',
    ),
    spec(
      'revocation-requests',
      'national-center',
      'certification-authority',
      '/revocation-requests',
      'revocation-requests/batch-request',
      'revocation-requests/batch-result',
    ),
    spec(
      'registration-notices',
      'national-center',
      'municipality',
      '/registration-notices',
      'registration-notices/notice',
      'registration-notices/acknowledgement',
    ),
    spec(
      'certificate-requests',
      'kiosk-gateway',
      'issuance-service',
      '/certificate-requests',
      'certificate-requests/request',
      'certificate-requests/response',
    ),
    spec(
      'resident-sync',
      'municipality',
      'issuance-service',
      '/resident-sync',
      'resident-sync/batch-request',
      'resident-sync/batch-result',
    ),
  ].map((s) => [s.name, s]),
);

export function interfaceSpec(name: string): InterfaceSpec {
  const found = INTERFACES[name];
  if (!found) {
    throw new TekigoUsageError(
      'UNKNOWN_INTERFACE',
      `no interface ${JSON.stringify(name)} in the mocks' interface table; use one of ${Object.keys(INTERFACES).join(', ')}`,
      { interface: name },
    );
  }
  return found;
}
