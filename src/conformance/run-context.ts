import { inject } from 'vitest';
import type { EnvironmentName } from './environment.ts';
import type { TargetSpec } from './target-spec.ts';

/**
 * What a conformance run is about, handed to the suites as data (vitest `provide`/`inject`):
 * `tekigo run` provides it; a plain `vitest run` of the suites gets the default, the
 * reference in the embedded environment.
 */
export interface RunContext {
  /** The target as data: the reference, a replica, a URL or a vendor command to launch. */
  readonly target: TargetSpec;
  readonly environment: EnvironmentName;
  /** Where the environment creates the targets' data folders (default: the system's temp folder). */
  readonly dataRoot?: string;
  /**
   * `--requirements`: only the tests that declare at least one of these ids run; the others
   * are left out as `--grep` leaves them out.
   */
  readonly requirements?: readonly string[];
  /** Schema-derived fuzzing: cases per interface (default 200) and the seed (default: drawn per run). */
  readonly fuzz?: { readonly cases?: number; readonly seed?: number };
  /**
   * `basic` (default): plain HTTP on loopback, the target in test mode; security requirements are
   * not applicable. `production`: mutual TLS with a test PKI made for the run, the target without
   * test mode; only the security profile's tests apply.
   */
  readonly profile?: SecurityProfileName;
}

export const SECURITY_PROFILES = ['basic', 'production'] as const;
export type SecurityProfileName = (typeof SECURITY_PROFILES)[number];

declare module 'vitest' {
  export interface ProvidedContext {
    tekigo: RunContext;
    /** Where targets keep their data folders; removed by the run when it ends. */
    tekigoDataRoot: string;
  }
}

export const DEFAULT_RUN_CONTEXT: RunContext = { target: { kind: 'reference' }, environment: 'embedded' };

export function runContext(): RunContext {
  const dataRoot = inject('tekigoDataRoot');
  return { ...(inject('tekigo') ?? DEFAULT_RUN_CONTEXT), ...(dataRoot ? { dataRoot } : {}) };
}
