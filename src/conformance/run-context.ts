import { inject } from 'vitest';
import type { EnvironmentName } from './environment.ts';

/**
 * What a conformance run is about, handed to the suites as data (vitest `provide`/`inject`):
 * `tekigo run` provides it; a plain `vitest run` of the suites gets the default, the
 * reference in the embedded environment.
 */
export interface RunContext {
  /** As `--target` names it: `reference`, `replica:NAME` or a URL. */
  readonly target: string;
  readonly environment: EnvironmentName;
  /** Where the environment creates the targets' data folders (default: the system's temp folder). */
  readonly dataRoot?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    tekigo: RunContext;
    /** Where targets keep their data folders; removed by the run when it ends. */
    tekigoDataRoot: string;
  }
}

export const DEFAULT_RUN_CONTEXT: RunContext = { target: 'reference', environment: 'embedded' };

export function runContext(): RunContext {
  const dataRoot = inject('tekigoDataRoot');
  return { ...(inject('tekigo') ?? DEFAULT_RUN_CONTEXT), ...(dataRoot ? { dataRoot } : {}) };
}
