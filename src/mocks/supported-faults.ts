import { TekigoUsageError } from '../errors.ts';
import type { FaultScript } from '../faults/fault-script.ts';
import type { MockDefinition } from './mock-definition.ts';

/** Refuses, with TekigoUsageError `INVALID_FAULT_SCRIPT`, a script using an action the mock does not apply. */
export function refuseUnsupported(script: FaultScript, definition: MockDefinition, role: string): void {
  const errors = script.rules.flatMap((rule, i) =>
    definition.faultActions.includes(rule.action.kind)
      ? []
      : [
          {
            instancePath: `/rules/${i}/action/kind`,
            message: `the ${role} mock cannot apply ${rule.action.kind}; it applies ${definition.faultActions.join(', ')}`,
          },
        ],
  );
  if (errors.length > 0) {
    throw new TekigoUsageError(
      'INVALID_FAULT_SCRIPT',
      `invalid fault script: ${errors.map((e) => `${e.instancePath} ${e.message}`).join('; ')}`,
      {
        errors,
      },
    );
  }
}
