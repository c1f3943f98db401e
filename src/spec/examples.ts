import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { parse } from 'yaml';
import type { SchemaSet } from './compile-schemas.ts';

/** What `expectations.yaml` declares for one example file. */
export type ExampleExpectation =
  | { readonly valid: true }
  | { readonly valid: false; readonly instancePath: string; readonly why: string };

/** One file of `specs/examples/<message-type>/`, with what its folder declares about it. */
export interface Example {
  readonly messageType: string;
  /** POSIX path below the spec folder, e.g. `examples/health/health/valid-up.json`. */
  readonly path: string;
  /** The entry of `expectations.yaml` as written; `undefined` when the file is not listed. */
  readonly declared: unknown;
  readonly content:
    | { readonly ok: true; readonly value: unknown }
    | { readonly ok: false; readonly error: string };
}

const toPosix = (path: string): string => path.split(sep).join('/');

async function readJson(file: string): Promise<Example['content']> {
  try {
    return { ok: true, value: JSON.parse(await readFile(file, 'utf8')) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** Every example below `specs/examples/`: each listed file, and each JSON file nobody listed. */
export async function loadExamples(specsDir: string): Promise<Example[]> {
  const examplesDir = join(specsDir, 'examples');
  const entries = await readdir(examplesDir, { recursive: true, withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isFile() && entry.name === 'expectations.yaml')
    .map((entry) => entry.parentPath)
    .sort();
  const examples: Example[] = [];
  for (const folder of folders) {
    const messageType = toPosix(folder.slice(join(examplesDir, sep).length));
    const expectations = (parse(await readFile(join(folder, 'expectations.yaml'), 'utf8')) ?? {}) as Record<
      string,
      unknown
    >;
    const jsonFiles = entries
      .filter((entry) => entry.isFile() && entry.parentPath === folder && entry.name.endsWith('.json'))
      .map((entry) => entry.name);
    const names = [...new Set([...Object.keys(expectations), ...jsonFiles])].sort();
    for (const name of names) {
      examples.push({
        messageType,
        path: toPosix(join(folder, name).slice(join(specsDir, sep).length)),
        declared: expectations[name],
        content: await readJson(join(folder, name)),
      });
    }
  }
  return examples;
}

function isExpectation(declared: unknown): declared is ExampleExpectation {
  if (typeof declared !== 'object' || declared === null) return false;
  const entry = declared as Record<string, unknown>;
  if (entry.valid === true) return Object.keys(entry).length === 1;
  return (
    entry.valid === false &&
    typeof entry.instancePath === 'string' &&
    typeof entry.why === 'string' &&
    Object.keys(entry).length === 3
  );
}

/**
 * How an example departs from what its folder declares; empty when it behaves as declared.
 * An invalid example must report an error at exactly the declared instancePath, not merely
 * somewhere. Other errors may come with it: the branches of a `oneOf` that do not apply each
 * report their own.
 */
export function exampleProblems(spec: SchemaSet, example: Example): string[] {
  const { declared, content, messageType } = example;
  if (declared === undefined) return [`not listed in ${dirname(example.path)}/expectations.yaml`];
  if (!isExpectation(declared)) {
    return [
      `its entry in expectations.yaml is ${JSON.stringify(declared)}; write { valid: true } or { valid: false, instancePath, why }`,
    ];
  }
  if (!content.ok) return [`cannot be read as JSON: ${content.error}`];
  if (!spec.hasMessageType(messageType)) return [`no schema schemas/${messageType}.json for its folder`];
  const outcome = spec.validate(messageType, content.value);
  const errors = outcome.errors.map((error) => `${error.instancePath || '/'} ${error.message}`);
  if (declared.valid) return outcome.valid ? [] : [`declared valid but fails: ${errors.join('; ')}`];
  if (outcome.valid) return [`declared invalid at ${declared.instancePath || '/'} but validates`];
  const at = declared.instancePath;
  return outcome.errors.some((error) => error.instancePath === at)
    ? []
    : [`declared to fail at ${at || '/'} but fails only at: ${errors.join('; ')}`];
}
