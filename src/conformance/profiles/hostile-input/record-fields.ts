import { TekigoHarnessError } from '../../../errors.ts';
import type { ConformanceTest } from '../../conformance-suite.ts';
import type { PersonalItems } from '../batch-receiver/receiver-judges.ts';
import { schemaIndex } from '../fuzz/schema-index.ts';
import type { ReceiverAdapter } from '../role-adapter.ts';

/** A text field of a record: its path in the record, its pointer in the body sent, its value. */
export interface RecordField {
  readonly path: readonly string[];
  readonly pointer: string;
  readonly value: string;
}

/**
 * Where a record sits in the body sent: `records[0]` of a one-record batch, or the body itself
 * for an interface that takes one record per request (`outcomeOf`).
 */
export const recordAt = (receiver: Pick<ReceiverAdapter, 'outcomeOf'>): readonly string[] =>
  receiver.outcomeOf ? [] : ['records', '0'];

const pointerOf = (receiver: ReceiverAdapter, path: readonly string[]): string =>
  [...recordAt(receiver), ...path].map((t) => `/${t}`).join('');

function stringLeaves(value: unknown, path: string[] = []): { path: string[]; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
}

/**
 * The field hostile text goes into: the name when the record carries personal items (so a
 * problem that quotes it is seen), otherwise the first string the schema bounds by length, then
 * by pattern.
 */
export function fieldOf(t: ConformanceTest, receiver: ReceiverAdapter, record: unknown): RecordField {
  const leaves = stringLeaves(record);
  if (receiver.personalItems !== undefined) {
    const path = [...receiver.personalItems, 'name', 'kanji'];
    const found = leaves.find((l) => l.path.join('/') === path.join('/'));
    if (found) return { ...found, pointer: pointerOf(receiver, found.path) };
  }
  if (receiver.requestType === undefined)
    throw new TekigoHarnessError(
      'NO_REQUEST_TYPE',
      `the ${receiver.interface} adapter names no requestType; the hostile-input test finds its text fields in that schema`,
    );
  const index = schemaIndex(t.env.spec.specsDir);
  const root = index.root(receiver.requestType);
  const ranked = leaves
    .map((l) => ({ ...l, c: index.leaf(index.at(root, [...recordAt(receiver), ...l.path])) }))
    .filter((l) => l.c.type === 'string' && l.c.enum === undefined && l.c.const === undefined);
  const chosen =
    ranked.find((l) => l.c.maxLength !== undefined) ?? ranked.find((l) => l.c.pattern !== undefined);
  if (!chosen)
    throw new TekigoHarnessError(
      'NO_TEXT_FIELD',
      `no ${receiver.interface} record field is a string bounded by its schema; the hostile-input test needs one`,
    );
  return { path: chosen.path, value: chosen.value, pointer: pointerOf(receiver, chosen.path) };
}

/** The record's four items, when the adapter says where they are. */
export function personalOf(receiver: ReceiverAdapter, record: unknown): PersonalItems | undefined {
  if (receiver.personalItems === undefined) return undefined;
  let here: unknown = record;
  for (const token of receiver.personalItems) here = (here as Record<string, unknown> | undefined)?.[token];
  return here as PersonalItems | undefined;
}

/** A copy of the record with `value` at `path`, set as an own member (`__proto__` included). */
export function withValue(record: unknown, path: readonly string[], value: unknown): unknown {
  const copy = structuredClone(record) as Record<string, unknown>;
  let parent = copy;
  for (const token of path.slice(0, -1)) parent = parent[token] as Record<string, unknown>;
  Object.defineProperty(parent, path.at(-1) as string, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}
