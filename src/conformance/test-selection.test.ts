import { describe, expect, it } from 'vitest';
import { selectedBy } from './test-selection.ts';

describe('selectedBy', () => {
  const test = { requirements: ['GEN-SEND-006', 'GEN-DLQ-001'] };

  it('keeps every test without a selection', () => {
    expect(selectedBy(undefined, test)).toBe(true);
  });

  it('keeps a test that declares one of the selected ids', () => {
    expect(selectedBy(['CA-REV-001', 'GEN-DLQ-001'], test)).toBe(true);
  });

  it('leaves out a test that declares none of them', () => {
    expect(selectedBy(['CA-REV-001'], test)).toBe(false);
  });
});
