/**
 * Errors as data with stable codes. `code` never changes once published; messages say what
 * failed, on what, why, and what to do.
 *
 * Exit codes: usage and environment errors are 2 (`TekigoUsageError`, `TekigoEnvironmentError`);
 * a harness defect is an `error` verdict, never blamed on the system under test.
 */
export class TekigoError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }

  toJSON(): { name: string; code: string; message: string; details: Readonly<Record<string, unknown>> } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}

/** Bad command-line input or configuration: the user can fix it. Exit code 2. */
export class TekigoUsageError extends TekigoError {}

/** The environment is not usable (target unreachable, invalid capabilities, a port in use). Exit code 2. */
export class TekigoEnvironmentError extends TekigoError {}

/** tekigo itself or one of its mocks broke: the verdict is `error`, not `fail`. */
export class TekigoHarnessError extends TekigoError {}

/** `specs/` cannot be loaded or compiled. */
export class TekigoSpecError extends TekigoError {}
