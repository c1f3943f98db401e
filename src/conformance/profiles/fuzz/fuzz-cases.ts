import fc from 'fast-check';
import { ANY_JSON, EXTRA_KEYS, invalidValue, validValue } from './schema-arbitrary.ts';
import type { Located, SchemaIndex } from './schema-index.ts';

/**
 * Cases for one interface: a valid message (the template) with one or two places changed, each
 * change drawn from the schema of its place. Which a case is, valid or not, the spec's
 * validator says afterwards (`classify`).
 */

export interface FuzzCase {
  /** The message as sent. */
  readonly body: unknown;
  /** What was changed, in a finding's words, e.g. `/records/0/reason: "move-outx"`. */
  readonly changes: readonly string[];
}

type Path = readonly string[];

const pointer = (path: Path): string =>
  path.map((t) => `/${t.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** Every place of a JSON value, containers first, with the value found there. */
function places(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const here = [{ path, value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => places(v, [...path, String(i)]))];
  if (value !== null && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => places(v, [...path, k]))];
  return here;
}

/** Sets (as an own property, `__proto__` included) or, with `remove`, deletes the member at `path`. */
function edit(root: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy = structuredClone(root);
  if (path.length === 0) return value;
  let parent = copy as Record<string, unknown>;
  for (const token of path.slice(0, -1)) {
    const next = parent[token];
    // An earlier change of the same case replaced or removed this place: nothing left to change.
    if (next === null || typeof next !== 'object') return copy;
    parent = next as Record<string, unknown>;
  }
  const last = path.at(-1) as string;
  if (remove) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

type Change = (body: unknown) => { body: unknown; change: string };

export function caseArbitrary(index: SchemaIndex, root: Located, template: unknown): fc.Arbitrary<FuzzCase> {
  const all = places(template);
  const leaves = all.filter((p) => p.value === null || typeof p.value !== 'object');
  const objects = all.filter(
    (p) => p.value !== null && typeof p.value === 'object' && !Array.isArray(p.value),
  );
  const members = all.filter((p) => p.path.length > 0);
  const constraintsOf = (path: Path) => index.leaf(index.at(root, path));
  const set =
    (path: Path, how: string) =>
    (value: unknown): Change =>
    (body) => ({
      body: edit(body, path, value),
      change: `${pointer(path)} ${how} ${JSON.stringify(value)?.slice(0, 60)}`,
    });

  const validLeaf = fc
    .constantFrom(...leaves)
    .chain(({ path, value }) => validValue(constraintsOf(path), value).map(set(path, '=')));
  const invalidLeaf = fc
    .constantFrom(...leaves)
    .chain(({ path, value }) => invalidValue(constraintsOf(path), value).map(set(path, '=')));
  const extraMember = fc
    .tuple(fc.constantFrom(...objects), EXTRA_KEYS, ANY_JSON)
    .map(([{ path }, key, value]) => set([...path, key], 'added')(value));
  const missingMember = fc.constantFrom(...members).map(
    ({ path }): Change =>
      (body) => ({ body: edit(body, path, undefined, true), change: `${pointer(path)} removed` }),
  );
  const change = fc.oneof(
    { weight: 5, arbitrary: validLeaf },
    { weight: 3, arbitrary: invalidLeaf },
    { weight: 1, arbitrary: extraMember },
    { weight: 1, arbitrary: missingMember },
  );
  return fc.array(change, { minLength: 1, maxLength: 2 }).map((changes) => {
    let body = template;
    const said: string[] = [];
    for (const apply of changes) {
      const done = apply(body);
      body = done.body;
      said.push(done.change);
    }
    return { body, changes: said };
  });
}

/** Which rule of the spec a case meets: the schema's verdict, then the text rules outside it. */
export type CaseKind = 'valid' | 'invalid' | 'text';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rule finds (GEN-VAL-006)
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** `invalid` when the schema refuses it; `text` when only a text rule (NFC, control characters, UTF-16) does. */
export function classify(body: unknown, schemaErrors: number): CaseKind {
  if (schemaErrors > 0) return 'invalid';
  const strings = places(body).flatMap(({ path, value }) => [
    ...path,
    ...(typeof value === 'string' ? [value] : []),
  ]);
  const clean = strings.every((s) => !LONE_SURROGATE.test(s) && !CONTROL.test(s) && s.normalize('NFC') === s);
  return clean ? 'valid' : 'text';
}
