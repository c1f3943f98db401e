import { type FieldError, pointerToken } from '../../spec/problem-types.ts';
import type { ValidateFields } from '../shared/validation.ts';

/**
 * The stimulus schema is a oneOf over kinds, and a validator reports every branch's failures.
 * The kind is checked first; then only the issue-certificates branch's own fields are reported.
 */
export function stimulusErrors(validate: ValidateFields, body: unknown): FieldError[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return [{ pointer: '', detail: 'must be an object' }];
  const fields = body as Record<string, unknown>;
  if (fields.kind !== 'issue-certificates') {
    return [
      {
        pointer: '/kind',
        detail: 'the certification-authority supports only the stimulus kind issue-certificates',
      },
    ];
  }
  const errors: FieldError[] = Object.keys(fields)
    .filter((key) => key !== 'kind' && key !== 'certificates')
    .map((key) => ({ pointer: `/${pointerToken(key)}`, detail: 'must NOT have additional properties' }));
  if (!('certificates' in fields))
    errors.push({ pointer: '/certificates', detail: "must have required property 'certificates'" });
  const own = validate(
    'upper-tester/stimulus-request',
    body,
    ({ instancePath }) => instancePath === '/certificates' || instancePath.startsWith('/certificates/'),
  );
  return [...errors, ...own];
}

export function isCalendarDate(value: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value);
}
