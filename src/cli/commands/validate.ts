import { TekigoUsageError } from '../../errors.ts';
import type { ValidationIssue } from '../../evidence/ledger-entry.ts';
import { type Lang, langOption, resolveLang } from '../../i18n/lang.ts';
import { unknownMessageType } from '../../spec/compile-schemas.ts';
import { loadSpec } from '../../spec/load-spec.ts';
import { defineCommand } from '../command-definition.ts';
import { explainFormat } from '../explain-format.ts';
import { readJsonInput } from '../read-json-input.ts';

const DEFAULT_MAX_ERRORS = 100;

/** The value a JSON Pointer (`/items/0/name`) designates, or `undefined`. */
function valueAt(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let value: unknown = document;
  for (const token of pointer.slice(1).split('/')) {
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

interface ExplainedIssue extends ValidationIssue {
  /** For a failed `format`: what the format means and what is wrong with the value. */
  readonly explanation?: string;
}

function explain(document: unknown, issue: ValidationIssue, lang: Lang): ExplainedIssue {
  if (issue.keyword !== 'format') return issue;
  const format = /format "([^"]+)"/.exec(issue.message)?.[1];
  const explanation =
    format === undefined ? undefined : explainFormat(format, valueAt(document, issue.instancePath), lang);
  return explanation === undefined ? issue : { ...issue, explanation };
}

function parseMaxErrors(value: string): number {
  const max = Number(value);
  if (!Number.isInteger(max) || max < 1) {
    throw new TekigoUsageError(
      'INVALID_OPTION',
      `invalid --max-errors for tekigo validate: ${JSON.stringify(value)} is not a positive whole number. Pass e.g. --max-errors 100`,
      { option: 'max-errors', value },
    );
  }
  return max;
}

export const validate = defineCommand({
  name: 'validate',
  summary: 'Validate a JSON message against a message type of the spec',
  args: [
    {
      name: 'message-type',
      description: 'e.g. certificate-issuances/batch-request (see tekigo message-types)',
    },
    { name: 'file.json', description: 'the JSON document to check (UTF-8, no BOM); - reads standard input' },
  ],
  options: {
    json: { type: 'boolean', description: 'print the outcome as one JSON object on stdout' },
    'max-errors': {
      type: 'string',
      valueName: 'n',
      default: String(DEFAULT_MAX_ERRORS),
      description: 'print at most this many errors, then how many more there are',
    },
    lang: langOption,
  },
  async run({ args, options, io, specsDir }) {
    const messageType = args['message-type'];
    const source = args['file.json'];
    const maxErrors = parseMaxErrors(options['max-errors']);
    const spec = await loadSpec({ specsDir });
    if (!spec.hasMessageType(messageType)) throw unknownMessageType(messageType, spec.messageTypes);
    const document = await readJsonInput(source, io.stdin);
    const outcome = spec.validate(messageType, document);
    const shown = outcome.errors
      .slice(0, maxErrors)
      .map((issue) => explain(document, issue, resolveLang(options.lang)));
    const more = outcome.errors.length - shown.length;
    const file = source === '-' ? 'standard input' : source;
    if (options.json) {
      io.stdout(
        JSON.stringify({
          file,
          messageType,
          valid: outcome.valid,
          errorCount: outcome.errors.length,
          errors: shown,
          omittedErrors: more,
        }),
      );
    } else if (outcome.valid) {
      io.stdout(`valid: ${file} (${messageType})`);
    } else {
      for (const issue of shown) {
        io.stdout(
          `${issue.instancePath || '/'} ${issue.message}${issue.explanation === undefined ? '' : `: ${issue.explanation}`}`,
        );
      }
      if (more > 0)
        io.stdout(`… and ${more} more errors (${outcome.errors.length} in all; --max-errors N shows more)`);
    }
    return outcome.valid ? 0 : 1;
  },
});
