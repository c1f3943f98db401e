import { conformanceSuite } from '../conformance-suite.ts';
import { batchReceiverProfile } from './batch-receiver/batch-receiver-profile.ts';
import { batchSenderProfile } from './batch-sender/batch-sender-profile.ts';
import { healthProfile } from './health/health-profile.ts';
import { hostileInputProfile } from './hostile-input/hostile-input-profile.ts';
import { internalFailureProfile } from './internal-failure/internal-failure-profile.ts';
import { observabilityProfile } from './observability/observability-profile.ts';
import { reconciliationProfile } from './reconciliation/reconciliation-profile.ts';
import type { RoleAdapter } from './role-adapter.ts';
import { securityProfile } from './security/security-profile.ts';
import { upperTesterProfile } from './upper-tester/upper-tester-profile.ts';

/**
 * Every generic profile the adapter configures, run against its role: health always, the batch
 * sender per `sends` entry, the batch receiver per `receives` entry, and reconciliation, upper
 * tester and observability when the adapter has their entries, internal failure (through the
 * upper tester's fault hook) always, and the security profile
 * (production profile only) for every role. A role's `profiles.test.ts` is
 * this one call.
 */
export function runProfiles(adapter: RoleAdapter): void {
  const suite = conformanceSuite(adapter);
  healthProfile(suite, adapter);
  for (const sender of adapter.sends) batchSenderProfile(suite, sender);
  for (const receiver of adapter.receives ?? []) batchReceiverProfile(suite, adapter, receiver);
  hostileInputProfile(suite, adapter);
  if (adapter.reconciliation) reconciliationProfile(suite, adapter.reconciliation);
  if (adapter.upperTester) upperTesterProfile(suite, adapter.peers, adapter.upperTester);
  if (adapter.observability) observabilityProfile(suite, adapter.observability);
  internalFailureProfile(suite, adapter);
  // Production profile only (--profile production); not applicable in the basic profile.
  securityProfile(suite, adapter);
}
