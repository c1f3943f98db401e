import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { TekigoUsageError } from '../errors.ts';
import { nearNames } from '../spec/near-names.ts';
import type { CommandDefinition } from './command-definition.ts';

export type ParsedCommandLine =
  | { readonly kind: 'help'; readonly command: CommandDefinition | null }
  | {
      readonly kind: 'run';
      readonly command: CommandDefinition;
      readonly args: Readonly<Record<string, string>>;
      readonly options: Readonly<Record<string, string | boolean | undefined>>;
    };

const isHelp = (token: string | undefined): boolean => token === '--help' || token === '-h';

const didYouMean = (near: readonly string[]): string =>
  near.length > 0 ? ` Did you mean ${near.join(', ')}?` : '';

export const usageOf = (command: CommandDefinition): string =>
  ['tekigo', command.name, ...command.args.map((arg) => `<${arg.name}>`)].join(' ');

/** The command whose words start the command line, preferring the longest (`spec digest` over `spec`). */
function findCommand(argv: readonly string[], commands: readonly CommandDefinition[]) {
  let found: { command: CommandDefinition; words: number } | undefined;
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((word, i) => argv[i] === word) && words.length > (found?.words ?? 0)) {
      found = { command, words: words.length };
    }
  }
  return found;
}

function unknownCommand(argv: readonly string[], commands: readonly CommandDefinition[]): TekigoUsageError {
  const names = commands.map((command) => command.name);
  const words = argv.slice(0, Math.max(...names.map((name) => name.split(' ').length)));
  if (words[0]?.startsWith('-')) {
    return new TekigoUsageError(
      'UNKNOWN_OPTION',
      `unknown option ${words[0]}: tekigo expects a command first. Run tekigo --help to list the commands`,
      { option: words[0] },
    );
  }
  const near = [...new Set(words.flatMap((_, i) => nearNames(words.slice(0, i + 1).join(' '), names)))];
  return new TekigoUsageError(
    'UNKNOWN_COMMAND',
    `unknown command "${words[0]}": tekigo has no such command.${didYouMean(near)} Run tekigo --help to list the commands`,
    { command: words[0], near },
  );
}

function optionsConfig(command: CommandDefinition): ParseArgsOptionsConfig {
  const config: ParseArgsOptionsConfig = { help: { type: 'boolean', short: 'h' } };
  for (const [name, option] of Object.entries(command.options)) {
    config[name] =
      option.default === undefined ? { type: option.type } : { type: option.type, default: option.default };
  }
  return config;
}

function badOption(command: CommandDefinition, error: Error & { code?: string }): TekigoUsageError {
  const optionNames = [...Object.keys(command.options), 'help'].map((name) => `--${name}`);
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(error.message)?.[1] ?? error.message;
    return new TekigoUsageError(
      'UNKNOWN_OPTION',
      `unknown option ${option} for tekigo ${command.name}: it takes ${optionNames.join(', ')}.${didYouMean(
        nearNames(option.split('=')[0] ?? option, optionNames),
      )} Run tekigo ${command.name} --help`,
      { command: command.name, option },
    );
  }
  return new TekigoUsageError(
    'INVALID_OPTION',
    `invalid option for tekigo ${command.name}: ${error.message.replace(/\.$/, '')}. Run tekigo ${command.name} --help`,
    { command: command.name },
  );
}

/**
 * Reads a command line against the declared commands with node's strict `parseArgs`. Throws
 * `TekigoUsageError` for an unknown command or option and for missing or extra arguments.
 */
export function parseCommandLine(
  argv: readonly string[],
  commands: readonly CommandDefinition[],
): ParsedCommandLine {
  if (isHelp(argv[0])) return { kind: 'help', command: null };
  const found = findCommand(argv, commands);
  if (found === undefined) throw unknownCommand(argv, commands);
  const { command } = found;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv.slice(found.words),
      options: optionsConfig(command),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw badOption(command, error as Error);
  }
  if (parsed.values.help === true) return { kind: 'help', command };
  const { positionals } = parsed;
  const missing = command.args[positionals.length];
  if (missing !== undefined) {
    throw new TekigoUsageError(
      'MISSING_ARGUMENT',
      `missing <${missing.name}> for tekigo ${command.name}: the usage is ${usageOf(command)}. Run tekigo ${command.name} --help`,
      { command: command.name, argument: missing.name },
    );
  }
  const extra = positionals[command.args.length];
  if (extra !== undefined) {
    throw new TekigoUsageError(
      'UNEXPECTED_ARGUMENT',
      `unexpected argument "${extra}" for tekigo ${command.name}: the usage is ${usageOf(command)}. Run tekigo ${command.name} --help`,
      { command: command.name, argument: extra },
    );
  }
  const options: Record<string, string | boolean | undefined> = {};
  for (const [name, option] of Object.entries(command.options)) {
    const value = parsed.values[name];
    if (option.required === true && value === undefined) {
      throw new TekigoUsageError(
        'MISSING_OPTION',
        `missing --${name} for tekigo ${command.name}: it is required${option.choices ? ` (one of ${option.choices.join(', ')})` : ''}. Run tekigo ${command.name} --help`,
        { command: command.name, option: name },
      );
    }
    if (option.choices !== undefined && typeof value === 'string' && !option.choices.includes(value)) {
      throw new TekigoUsageError(
        'INVALID_OPTION_VALUE',
        `unknown value ${JSON.stringify(value)} for --${name} of tekigo ${command.name}: use one of ${option.choices.join(', ')}.${didYouMean(
          nearNames(value, option.choices),
        )} Run tekigo ${command.name} --help`,
        { command: command.name, option: name, value },
      );
    }
    options[name] = option.type === 'boolean' ? value === true : (value as string | undefined);
  }
  const args = Object.fromEntries(command.args.map((arg, i) => [arg.name, positionals[i] as string]));
  return { kind: 'run', command, args, options };
}
