import type { ValidationIssue } from '../../evidence/ledger-entry.ts';
import { compileSchemas } from '../../spec/compile-schemas.ts';
import { defaultSpecsDir } from '../../spec/load-spec.ts';
import { type FieldError, pointerToken } from '../../spec/problem-types.ts';

/**
 * Validates a value against a message type of specs/; an empty list means valid. `keep` selects
 * the issues that matter, e.g. one branch of a oneOf, whose siblings' failures are noise.
 */
export type ValidateFields = (
  messageType: string,
  value: unknown,
  keep?: (issue: ValidationIssue) => boolean,
) => readonly FieldError[];

/** A problem lists at most this many fields: enough to fix the message, bounded for hostile input. */
const MAX_FIELD_ERRORS = 50;

let validator: Promise<ValidateFields> | undefined;

/**
 * The message schemas are compiled once per process and shared by every role in it. Only the
 * schemas: the catalog and the digest are the suite's business, and loading them would add
 * to every start and restart of a reference.
 */
export function loadValidator(): Promise<ValidateFields> {
  validator ??= compileSchemas(defaultSpecsDir()).then(
    (spec) =>
      (messageType, value, keep = () => true) =>
        [
          ...toFieldErrors(spec.validate(messageType, value).errors.filter(keep)),
          ...controlCharacters(value),
        ].slice(0, MAX_FIELD_ERRORS),
  );
  // A failed load is not kept, so the next start tries again.
  validator.catch(() => {
    validator = undefined;
  });
  return validator;
}

/**
 * Points at the offending member itself where the keyword concerns one (a missing or an extra
 * property), which the spec module reports only in its message.
 */
export function toFieldErrors(issues: readonly ValidationIssue[]): FieldError[] {
  const fields = issues.map(({ instancePath, keyword, message }) => {
    const member = memberOf(keyword, message);
    return {
      pointer: member === undefined ? instancePath : `${instancePath}/${pointerToken(member)}`,
      detail: message,
    };
  });
  const unique = new Map(fields.map((field) => [`${field.pointer}\0${field.detail}`, field]));
  return [...unique.values()].slice(0, MAX_FIELD_ERRORS);
}

function memberOf(keyword: string, message: string): string | undefined {
  if (keyword === 'required') return /'(.*)'$/.exec(message)?.[1];
  if (keyword !== 'additionalProperties' && keyword !== 'unevaluatedProperties') return undefined;
  const quoted = /: ("(?:[^"\\]|\\.)*")$/.exec(message)?.[1];
  return quoted === undefined ? undefined : (JSON.parse(quoted) as string);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point (GEN-VAL-006)
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * GEN-VAL-006: a text field holding a control character (U+0000 to U+001F, U+007F to U+009F) is
 * refused naming that field, whatever its schema admits; the value itself is never quoted.
 */
export function controlCharacters(value: unknown): FieldError[] {
  // Walked with a stack, not recursion: a body nested 10,000 levels deep must not exhaust it (GEN-VAL-005).
  const found: FieldError[] = [];
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0 && found.length < MAX_FIELD_ERRORS) {
    const [here, pointer] = stack.pop() as [unknown, string];
    if (typeof here === 'string') {
      if (CONTROL.test(here)) found.push({ pointer, detail: 'must not hold a control character' });
    } else if (here !== null && typeof here === 'object') {
      for (const [key, member] of Object.entries(here).reverse())
        stack.push([member, `${pointer}/${pointerToken(key)}`]);
    }
  }
  return found;
}
