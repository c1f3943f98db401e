import { DEFAULT_MAX_BODY_BYTES } from '../shared/http-app.ts';
import {
  declareReference,
  type Reconciled,
  type SendingParameters,
} from '../shared/reference-capabilities.ts';

export const CERTIFICATE_REQUESTS = 'certificate-requests';
export const RESIDENT_SYNC = 'resident-sync';
export const PRINT_JOBS = 'print-jobs';
export const MUNICIPALITY = 'municipality';
export const PRINT_SERVICE = 'print-service';
export const KIOSK_GATEWAY = 'kiosk-gateway';

/** The sending parameters every reference role declares (upper-tester/capabilities). */
export type IssuanceParameters = SendingParameters;

/**
 * Tuned for fast, deterministic runs: the print timeout leaves a loaded host time to have 72
 * requests in progress at once. `deliveryBoundMs` is the print timeout: a certificate
 * request whose print job has not reached `printed` this long after the request arrived fails
 * closed with 504 (ISS-REQ-004). `requestTimeoutMs` bounds each call to the print service: at
 * 1.5 s, a service starved of CPU (load average 30 on two cores) missed the print service's
 * prompt 202 three times in a row and failed every print of a 64-request burst; 3 s leaves it
 * room while the print timeout still bounds every request.
 */
export const DEFAULT_PARAMETERS: IssuanceParameters = {
  requestTimeoutMs: 3000,
  retry: { maxAttempts: 3, initialBackoffMs: 50, maxBackoffMs: 400, multiplier: 2, jitter: 'equal' },
  maxBatchSize: 100,
  deliveryBoundMs: 5000,
};

/** Beyond this many certificate requests in progress, a new one is refused 503 `overloaded` (GEN-TMO-006). */
export const LIMITS = {
  maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
  maxConcurrentRequests: 64,
} as const;

/** What reconciliation reports, per peer. */
export const RECONCILED: Reconciled = {
  [MUNICIPALITY]: [{ interface: RESIDENT_SYNC, direction: 'inbound' }],
  [PRINT_SERVICE]: [{ interface: PRINT_JOBS, direction: 'outbound' }],
};

const REFERENCE = declareReference({
  role: 'issuance-service',
  implementation: 'tekigo-reference-issuance-service',
  exchanges: [
    { name: CERTIFICATE_REQUESTS, as: 'receiver' },
    { name: RESIDENT_SYNC, as: 'receiver' },
    { name: PRINT_JOBS, as: 'sender' },
  ],
});

export const ROLE = REFERENCE.role;
export const IMPLEMENTATION = REFERENCE.implementation;

/** The upper-tester/capabilities body. */
export function capabilities(
  parameters: IssuanceParameters,
  maxConcurrentRequests: number = LIMITS.maxConcurrentRequests,
): Record<string, unknown> {
  return REFERENCE.capabilities({ parameters, limits: { ...LIMITS, maxConcurrentRequests } });
}
