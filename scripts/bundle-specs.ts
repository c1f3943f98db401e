/**
 * `npm run bundle`: one self-contained OpenAPI document per party in `specs/bundled/`, for tools
 * that do not follow `$ref`s across files (Spectral, Prism, code generators). Each is
 * `redocly bundle` of `specs/openapi/<name>.yaml` (unused components removed), then:
 * - the `$id` and `$schema` of the embedded message schemas are dropped: every reference is
 *   now local (`#/components/...`), and a tool that honoured `$id` would resolve those local
 *   references against `https://tekigo.example/...` instead of the document;
 * - every request and response body whose schema is a message type gets that message type's
 *   valid examples from `specs/examples/` (so a mock server built from the document answers
 *   with messages tekigo accepts);
 * - `info.contact` names the project when the source has none.
 * `scripts/bundle-specs.test.ts` fails when `specs/bundled/` is not what this script writes.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';

type Node = Record<string, unknown>;

const SCHEMA_ID_BASE = 'https://tekigo.example/schemas/';
/** The shared library of path items and components: not a party's document. */
const LIBRARY = 'common.yaml';

export const defaultSpecsDir = fileURLToPath(new URL('../specs/', import.meta.url));

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function redoclyScript(): string {
  const packageJson = createRequire(import.meta.url).resolve('@redocly/cli/package.json');
  const { bin } = JSON.parse(readFileSync(packageJson, 'utf8')) as { bin: Record<string, string> };
  const script = bin.redocly;
  if (script === undefined) throw new Error('@redocly/cli declares no redocly command');
  return join(dirname(packageJson), script);
}

/** The source documents to bundle, as paths below `openapi/` (`relay.yaml`, `peers/print-service.yaml`). */
export function sourceDocuments(specsDir: string): string[] {
  return readdirSync(join(specsDir, 'openapi'), { recursive: true, encoding: 'utf8' })
    .map((file) => file.split('\\').join('/'))
    .filter((file) => file.endsWith('.yaml') && file !== LIBRARY)
    .sort();
}

async function redoclyBundle(documentPath: string): Promise<Node> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [redoclyScript(), 'bundle', documentPath, '--remove-unused-components', '--ext', 'yaml'],
    {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const document: unknown = parse(stdout);
  if (!isNode(document)) throw new Error(`redocly bundle ${documentPath} wrote no OpenAPI document`);
  return document;
}

/** The valid examples of a message type, by name (`valid-two-records`), from its expectations.yaml. */
async function validExamples(specsDir: string, messageType: string): Promise<[string, unknown][]> {
  const folder = join(specsDir, 'examples', messageType);
  let expectations: unknown;
  try {
    expectations = parse(await readFile(join(folder, 'expectations.yaml'), 'utf8'));
  } catch {
    return [];
  }
  if (!isNode(expectations)) return [];
  const examples: [string, unknown][] = [];
  for (const [file, expectation] of Object.entries(expectations).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!isNode(expectation) || expectation.valid !== true) continue;
    examples.push([file.replace(/\.json$/, ''), JSON.parse(await readFile(join(folder, file), 'utf8'))]);
  }
  return examples;
}

/** Drops `$id` and `$schema` everywhere below `node`, returning the `$id` of `node` itself. */
function dropIds(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) dropIds(item);
    return undefined;
  }
  if (!isNode(node)) return undefined;
  const id = typeof node.$id === 'string' ? node.$id : undefined;
  delete node.$id;
  delete node.$schema;
  for (const value of Object.values(node)) dropIds(value);
  return id;
}

/** Every Media Type object (the values of every `content` map) of the document. */
function mediaTypes(node: unknown, found: Node[] = []): Node[] {
  if (Array.isArray(node)) for (const item of node) mediaTypes(item, found);
  if (!isNode(node)) return found;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'content' && isNode(value)) {
      for (const media of Object.values(value)) if (isNode(media)) found.push(media);
    } else if (key !== 'schemas') mediaTypes(value, found);
  }
  return found;
}

/** Bundles one source document (a path below `openapi/`) into its self-contained form. */
export async function bundleDocument(specsDir: string, document: string): Promise<string> {
  const bundled = await redoclyBundle(join(specsDir, 'openapi', document));
  const components = isNode(bundled.components) ? bundled.components : {};
  const schemas = isNode(components.schemas) ? components.schemas : {};
  const messageTypeOf = new Map<string, string>();
  for (const [name, schema] of Object.entries(schemas)) {
    const id = dropIds(schema);
    if (id?.startsWith(SCHEMA_ID_BASE) && id.endsWith('.json')) {
      messageTypeOf.set(`#/components/schemas/${name}`, id.slice(SCHEMA_ID_BASE.length, -'.json'.length));
    }
  }
  for (const media of mediaTypes(bundled)) {
    const ref = isNode(media.schema) ? media.schema.$ref : undefined;
    const messageType = typeof ref === 'string' ? messageTypeOf.get(ref) : undefined;
    if (messageType === undefined || 'examples' in media || 'example' in media) continue;
    const examples = await validExamples(specsDir, messageType);
    if (examples.length === 0) continue;
    media.examples = Object.fromEntries(
      examples.map(([name, value]) => [
        name,
        { summary: `specs/examples/${messageType}/${name}.json`, value },
      ]),
    );
  }
  const info = isNode(bundled.info) ? bundled.info : {};
  if (!('contact' in info)) {
    bundled.info = { ...info, contact: { name: 'tekigo project' } };
  }
  const header = `# Generated by npm run bundle from specs/openapi/${document}: do not edit.\n`;
  return header + stringify(bundled, { lineWidth: 0 });
}

/** Every bundled document, keyed by its path below `specs/bundled/`. */
export async function bundleSpecs(specsDir = defaultSpecsDir): Promise<Map<string, string>> {
  const bundled = new Map<string, string>();
  for (const document of sourceDocuments(specsDir)) {
    bundled.set(document, await bundleDocument(specsDir, document));
  }
  return bundled;
}

if (import.meta.main) {
  const outDir = join(defaultSpecsDir, 'bundled');
  await rm(outDir, { recursive: true, force: true });
  for (const [document, text] of await bundleSpecs()) {
    const file = join(outDir, document);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
    console.log(`wrote specs/bundled/${document}`);
  }
}
