import type { SutClient } from '../client/sut-client.ts';
import { TekigoEnvironmentError } from '../errors.ts';
import type { Spec } from '../spec/load-spec.ts';

export interface Capabilities {
  readonly role: string;
  readonly parameters: {
    readonly requestTimeoutMs: number;
    readonly retry: {
      readonly maxAttempts: number;
      readonly initialBackoffMs: number;
      readonly maxBackoffMs: number;
      readonly multiplier: number;
      readonly jitter: 'full' | 'equal' | 'decorrelated';
    };
    readonly maxBatchSize: number;
    readonly deliveryBoundMs: number;
  };
  readonly features?: { readonly reset?: boolean };
  readonly [key: string]: unknown;
}

/** Checks that the target answers /health and declares valid capabilities for `role`; returns them. */
export async function preflight(
  sut: SutClient,
  spec: Spec,
  role: string,
  url: string,
): Promise<Capabilities> {
  const health = await sut.request({
    method: 'GET',
    path: '/health',
    interface: 'health',
    responseType: 'health/health',
  });
  if (health.status !== 200) {
    throw new TekigoEnvironmentError(
      'TARGET_UNHEALTHY',
      `${url}/health answered ${health.status ?? 'nothing'}; start the target and check its logs`,
    );
  }
  const answer = await sut.request({
    method: 'GET',
    path: '/conformance/capabilities',
    interface: 'upper-tester',
    responseType: 'upper-tester/capabilities',
  });
  if (answer.status !== 200) {
    throw new TekigoEnvironmentError(
      'NO_UPPER_TESTER',
      `${url}/conformance/capabilities answered ${answer.status ?? 'nothing'}; run the target in test mode so tekigo can read its capabilities`,
    );
  }
  const outcome = spec.validate('upper-tester/capabilities', answer.body);
  if (!outcome.valid) {
    const first = outcome.errors[0];
    throw new TekigoEnvironmentError(
      'INVALID_CAPABILITIES',
      `${url} declares invalid capabilities (${first ? `${first.instancePath || '/'} ${first.message}` : 'schema mismatch'}); fix them to lie within the bounds of upper-tester/capabilities`,
    );
  }
  const capabilities = answer.body as Capabilities;
  if (capabilities.role !== role) {
    throw new TekigoEnvironmentError(
      'WRONG_ROLE',
      `${url} declares role ${capabilities.role}, not ${role}; point --target at a ${role}`,
    );
  }
  return capabilities;
}
