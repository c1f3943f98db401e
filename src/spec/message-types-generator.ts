import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compile } from 'json-schema-to-typescript';
import { defaultSpecsDir } from './load-spec.ts';
import { type GeneratedFile, splitMessageTypes } from './message-types-split.ts';

/** Where the generated message types live, relative to the package root: the index that re-exports them all. */
export const MESSAGE_TYPES_FILE = 'src/spec/message-types.generated.ts';

/** The folder of the generated files, one per schema folder. */
export const MESSAGE_TYPES_DIR = 'src/spec/message-types';

export type { GeneratedFile };

/** Whether a file name in MESSAGE_TYPES_DIR is a generated source (not the build's .js or .d.ts beside it). */
export const isGeneratedSource = (name: string): boolean =>
  name.endsWith('.generated.ts') && !name.endsWith('.d.ts');

const SCHEMA_BASE = 'https://tekigo.example/schemas/';

const BANNER = `// biome-ignore-all format: generated
// biome-ignore-all lint: generated
/**
 * The protocol's messages as TypeScript types, generated from specs/schemas by
 * json-schema-to-typescript: do not edit; run \`npx tsx src/spec/generate-message-types.ts\`
 * after changing a schema (message-types.test.ts fails while a file is stale). One file per
 * schema folder, types shared by several folders in common; message-types.generated.ts
 * re-exports them all, and \`MessageTypes['<interface>/<message>']\` is the type of a message type.
 */
`;

/** Annotations that, beside a `$ref`, would make the generator declare the referenced type again under a new name. */
const ANNOTATIONS = new Set(['description', 'title', 'examples', '$comment']);

/**
 * Every `$ref` made absolute against the schema's `$id`, so that references resolve by `$id` as a
 * validator does; a `$ref`'s sibling annotations are left out, so each schema is one type.
 */
function absoluteRefs(value: unknown, base: string): unknown {
  if (Array.isArray(value)) return value.map((item) => absoluteRefs(item, base));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([key]) => !('$ref' in value && ANNOTATIONS.has(key)));
  return Object.fromEntries(
    entries.map(([key, child]) => [
      key,
      key === '$ref' && typeof child === 'string' && !child.startsWith('#')
        ? new URL(child, base).href
        : absoluteRefs(child, base),
    ]),
  );
}

/** The generated files (index first) for the schemas of `specsDir`. */
export async function renderMessageTypes(specsDir: string = defaultSpecsDir()): Promise<GeneratedFile[]> {
  const schemasDir = join(specsDir, 'schemas');
  const files = (await readdir(schemasDir, { recursive: true }))
    .map((file) => file.split('\\').join('/'))
    .filter((file) => file.endsWith('.json'))
    .sort();
  const byId = new Map<string, unknown>();
  for (const file of files) {
    const schema = JSON.parse(await readFile(join(schemasDir, file), 'utf8')) as { $id?: string };
    const id = schema.$id ?? `${SCHEMA_BASE}${file}`;
    byId.set(id, absoluteRefs(schema, id));
  }
  const messageTypes = files.map((file) => file.replace(/\.json$/, ''));
  const root = {
    title: 'Message types',
    description: 'Each message type of specs/schemas, by its name.',
    type: 'object',
    additionalProperties: false,
    required: messageTypes,
    properties: Object.fromEntries(
      messageTypes.map((type) => [type, { $ref: `${SCHEMA_BASE}${type}.json` }]),
    ),
  };
  const source = await compile(root as never, 'MessageTypes', {
    bannerComment: '',
    format: false,
    maxItems: -1,
    unreachableDefinitions: false,
    $refOptions: {
      resolve: {
        file: false,
        http: false,
        schemas: {
          order: 1,
          canRead: (file: { url: string }) => file.url.startsWith(SCHEMA_BASE),
          read: (file: { url: string }) => JSON.stringify(byId.get(file.url.split('#')[0] ?? '')),
        },
      },
    } as never,
  });
  const byType = new Map<string, string>();
  const body = /export interface MessageTypes \{\n([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  for (const match of body.matchAll(/^"([^"]+)": (\w+)$/gm)) byType.set(match[1] ?? '', match[2] ?? '');
  return splitMessageTypes(source.trimEnd(), {
    banner: BANNER,
    messageTypes: byType,
    indexPath: MESSAGE_TYPES_FILE,
    dir: MESSAGE_TYPES_DIR,
  });
}
