import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORRELATION_ID_PATTERN, correlationIdOr, isCorrelationId } from './correlation-id.ts';
import { defaultSpecsDir } from './load-spec.ts';

describe('correlation id', () => {
  it('is the pattern of specs/schemas/common/problem.json', () => {
    const schema = JSON.parse(
      readFileSync(join(defaultSpecsDir(), 'schemas', 'common', 'problem.json'), 'utf8'),
    ) as { properties: { correlationId: { pattern: string } } };
    expect(CORRELATION_ID_PATTERN.source).toBe(schema.properties.correlationId.pattern);
  });

  it('keeps a usable offered id and replaces any other', () => {
    expect(isCorrelationId('abc-1.2_3')).toBe(true);
    expect(isCorrelationId('x'.repeat(65))).toBe(false);
    expect(correlationIdOr('keep-me')).toBe('keep-me');
    expect(correlationIdOr('no spaces')).toMatch(CORRELATION_ID_PATTERN);
    expect(correlationIdOr(undefined)).toMatch(CORRELATION_ID_PATTERN);
  });
});
