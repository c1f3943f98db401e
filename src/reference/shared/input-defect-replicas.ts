/**
 * Defects of the shared HTTP app's input guards that several roles have as replicas, as data
 * their `replicas.ts` spreads in (with their role and their seam): reading any input for as long
 * as it takes (`guardsInput: false`) and walking a deeply nested body before validation
 * (`deepBodies`). The generic hostile-bodies and stalled-connection tests must fail them.
 */
const UNGUARDED =
  'Reads whatever a client sends for as long as it takes: no body size limit, no deadline for headers or body, any media type, and bytes that are not UTF-8 dropped instead of refused.';

const DEEP: Readonly<Record<'crash' | 'hang', string>> = {
  crash:
    'A body nested 10,000 levels deep is walked recursively before validation and exhausts the stack: answered 500 instead of 400 or 413.',
  hang: 'A body nested 10,000 levels deep is walked recursively before validation and the handler never returns: the request is never answered.',
};

/** The replica `<prefix>-unguarded-input` without its role and seams. */
export function unguardedInputReplica(prefix: string, kind: 'incident' | 'mutant') {
  return {
    name: `${prefix}-unguarded-input`,
    kind,
    incidents: ['INC-2003-NAGANO', 'INC-2016-RELAY'],
    violates: ['GEN-VAL-002', 'GEN-VAL-004', 'GEN-VAL-008', 'GEN-TMO-001', 'GEN-TMO-002'],
    description: UNGUARDED,
  };
}

/** The replica `<prefix>-deep-nesting-<defect>` without its role and seams. */
export function deepNestingReplica(prefix: string, defect: 'crash' | 'hang') {
  return {
    name: `${prefix}-deep-nesting-${defect}`,
    kind: 'incident' as const,
    incidents: ['INC-2003-NAGANO', 'INC-2016-RELAY'],
    violates: ['GEN-VAL-005'],
    description: DEEP[defect],
  };
}
