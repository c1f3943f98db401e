// The public entry of tekigo. Everything not exported here is internal and may change between
// minor versions.

// Any role's mock, embedded or in a container, for vendors' own tests (testcontainers-module style).
export {
  type StartedTekigoMock,
  TekigoMockContainer,
} from '../test-env/containers/tekigo-mock-container.ts';
export * as checks from './checks/index.ts';
export type { CliIo } from './cli/command-definition.ts';
export { type RunCliOptions, runCli } from './cli/main.ts';
export { createRawHttpClient, type RawHttpClient } from './client/raw-http-client.ts';
export { createSutClient, type SutClient, type SutRequest, type SutResponse } from './client/sut-client.ts';
export type { Capabilities, StartedConformanceEnvironment } from './conformance/conformance-environment.ts';
export {
  type ConformanceTest,
  type ConformanceTestDefinition,
  conformanceSuite,
} from './conformance/conformance-suite.ts';
// Running suites and reading their reports.
export { type RunOptions, type RunResult, runConformance } from './conformance/run-conformance.ts';
export { formatTarget, parseTarget, type TargetSpec } from './conformance/target-spec.ts';
export {
  TekigoEnvironmentError,
  TekigoError,
  TekigoHarnessError,
  TekigoSpecError,
  TekigoUsageError,
} from './errors.ts';
// Evidence, checks and the parties tekigo plays: for re-judging reports and writing suites.
export { Ledger } from './evidence/ledger.ts';
export type {
  ExchangeEntry,
  FaultEntry,
  LedgerEntry,
  ObservationEntry,
  ValidationIssue,
  ValidationOutcome,
} from './evidence/ledger-entry.ts';
export {
  type FaultAction,
  type FaultRule,
  type FaultScript,
  loadFaultScript,
} from './faults/fault-script.ts';
export { type StartedTcpProxy, startTcpProxy, type Toxic } from './faults/tcp-proxy.ts';
export { connectMock } from './mocks/connect-mock.ts';
export { type MockHandle, type StartedMock, startMock } from './mocks/mock-runtime.ts';
export type { PeerAddress, SendRequest, SendResult, SendSchedule } from './mocks/mock-sender.ts';
export { startCertificationAuthority } from './reference/certification-authority/certification-authority.ts';
export { allReplicas, type ReplicaInfo, referenceFor } from './reference/registry.ts';
export { toJunitXml } from './report/junit.ts';
export type {
  Finding,
  RequirementVerdict,
  RunReport,
  TestEvidence,
  TestReport,
  Verdict,
} from './report/report-model.ts';
export type { Catalog, Incident, Requirement, RequirementLevel } from './spec/catalog.ts';
export type { SchemaSet } from './spec/compile-schemas.ts';
export { CORRELATION_ID_PATTERN, isCorrelationId } from './spec/correlation-id.ts';
export {
  computeIndividualNumberCheckDigit,
  computeMunicipalityCodeCheckDigit,
  computeResidentCodeCheckDigit,
  IDENTIFIER_FORMATS,
  type IdentifierFormat,
  identifierFormats,
  isIndividualNumber,
  isMunicipalityCode,
  isResidentCode,
} from './spec/formats.ts';
export { defaultSpecsDir, type LoadSpecOptions, loadSpec, type Spec } from './spec/load-spec.ts';
export type { MessageTypes } from './spec/message-types.generated.ts';
export {
  PROBLEM_TYPES,
  type Problem,
  type ProblemName,
  problem,
  problemForStatus,
  problemNameOf,
} from './spec/problem-types.ts';
export { ROLES, type Role } from './spec/roles.ts';
export { specDigest } from './spec/spec-digest.ts';
