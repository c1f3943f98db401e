import type { CommandDefinition } from './command-definition.ts';
import { usageOf } from './parse-command-line.ts';

function columns(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/** `tekigo --help`: every command with its summary. */
export function renderHelp(commands: readonly CommandDefinition[]): string[] {
  return [
    'tekigo: conformance tests for the exchanges between municipalities, the national identity-record',
    'center, the certification authority, the kiosk issuance service and the card-management relay.',
    '',
    'Usage: tekigo <command> [options]',
    '',
    'Commands:',
    ...columns(commands.map((command) => [usageOf(command).slice('tekigo '.length), command.summary])),
    '',
    'Run tekigo help <command> (or tekigo <command> --help) for its options; tekigo --version prints the version.',
    'Exit codes: 0 ok, 1 a finding, 2 a usage or environment error.',
  ];
}

/** `tekigo <command> --help`: usage, arguments and options, all from the declaration. */
export function renderCommandHelp(command: CommandDefinition): string[] {
  const options: [string, string][] = Object.entries(command.options).map(([name, option]) => [
    option.type === 'boolean' ? `--${name}` : `--${name} <${option.valueName ?? 'value'}>`,
    [
      option.required === true ? `(required) ${option.description}` : option.description,
      option.choices === undefined ? '' : `; one of: ${option.choices.join(', ')}`,
      option.default === undefined ? '' : ` (default: ${option.default})`,
    ].join(''),
  ]);
  options.push(['-h, --help', 'show this help']);
  return [
    `Usage: ${usageOf(command)}${Object.keys(command.options).length > 0 ? ' [options]' : ''}`,
    '',
    command.summary,
    ...(command.args.length > 0
      ? ['', 'Arguments:', ...columns(command.args.map((arg) => [`<${arg.name}>`, arg.description]))]
      : []),
    '',
    'Options:',
    ...columns(options),
  ];
}
