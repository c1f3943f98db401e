import type { ValidationOutcome } from '../evidence/ledger-entry.ts';
import type { Validate } from '../evidence/validate.ts';

/**
 * `validate`, except that a schema missing from specs/ (or any other failure to validate) is an
 * invalid outcome in the evidence rather than an exception that takes the mock down.
 */
export function safeValidator(validate: Validate): Validate {
  return (messageType: string, value: unknown): ValidationOutcome => {
    try {
      return validate(messageType, value);
    } catch (error) {
      const message = `cannot validate: ${error instanceof Error ? error.message : String(error)}`;
      return {
        messageType,
        valid: false,
        errors: [{ instancePath: '', schemaPath: '', keyword: 'harness', message }],
      };
    }
  };
}
