export { batchReceiverProfile } from './batch-receiver/batch-receiver-profile.ts';
export { batchSenderProfile } from './batch-sender/batch-sender-profile.ts';
export { healthProfile } from './health/health-profile.ts';
export { hostileInputProfile } from './hostile-input/hostile-input-profile.ts';
export { internalFailureProfile } from './internal-failure/internal-failure-profile.ts';
export { observabilityProfile } from './observability/observability-profile.ts';
export * from './problem-types.ts';
export * from './profile-kit.ts';
export { reconciliationProfile } from './reconciliation/reconciliation-profile.ts';
export type {
  HostileReceiver,
  ObservabilityAdapter,
  ReceiverAdapter,
  ReconciliationAdapter,
  RoleAdapter,
  SenderAdapter,
  Stimulated,
  UpperTesterAdapter,
} from './role-adapter.ts';
export { runProfiles } from './run-profiles.ts';
export { securityProfile } from './security/security-profile.ts';
export { upperTesterProfile } from './upper-tester/upper-tester-profile.ts';
