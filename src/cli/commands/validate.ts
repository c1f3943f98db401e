import { readFile } from 'node:fs/promises';
import { TekigoUsageError } from '../../errors.ts';
import { unknownMessageType } from '../../spec/compile-schemas.ts';
import { loadSpec } from '../../spec/load-spec.ts';
import { defineCommand } from '../command-definition.ts';
import { findJsonSyntaxError } from '../json-syntax-error.ts';

async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const why =
      (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (cause as Error).message;
    throw new TekigoUsageError(
      'FILE_UNREADABLE',
      `cannot read ${file}: ${why}. Check the path`,
      { file },
      { cause },
    );
  }
  const error = findJsonSyntaxError(text);
  if (error !== null) {
    throw new TekigoUsageError(
      'INVALID_JSON',
      `cannot parse ${file} as JSON: ${error.reason} at line ${error.line} column ${error.column} (offset ${error.offset}). Fix the JSON and run again`,
      { file, ...error },
    );
  }
  return JSON.parse(text);
}

export const validate = defineCommand({
  name: 'validate',
  summary: 'Validate a JSON file against a message type of the spec',
  args: [
    {
      name: 'message-type',
      description: 'e.g. certificate-issuances/batch-request (see tekigo message-types)',
    },
    { name: 'file.json', description: 'the JSON document to check' },
  ],
  options: {},
  async run({ args, io, specsDir }) {
    const messageType = args['message-type'];
    const file = args['file.json'];
    const spec = await loadSpec({ specsDir });
    if (!spec.hasMessageType(messageType)) throw unknownMessageType(messageType, spec.messageTypes);
    const outcome = spec.validate(messageType, await readJsonFile(file));
    if (outcome.valid) {
      io.stdout(`valid: ${file} (${messageType})`);
      return 0;
    }
    for (const error of outcome.errors) io.stdout(`${error.instancePath || '/'} ${error.message}`);
    return 1;
  },
});
