/** Where a command writes: one call per line (the line has no trailing newline). */
export interface CliIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** Reads all of standard input (for a `-` file argument); defaults to the process's. */
  readonly stdin?: () => Promise<Uint8Array>;
}

export interface ArgumentDefinition {
  readonly name: string;
  readonly description: string;
}

export interface OptionDefinition {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  readonly default?: string;
  /** Shown in help as `--name <valueName>`; defaults to `value`. */
  readonly valueName?: string;
  /** The command line must give it; help says so and the parser refuses a line without it. */
  readonly required?: boolean;
  /** The only values allowed; help lists them and the parser refuses any other. */
  readonly choices?: readonly string[];
}

export type OptionDefinitions = Readonly<Record<string, OptionDefinition>>;

type OptionValue<O extends OptionDefinition> = O['type'] extends 'boolean'
  ? boolean
  : O extends { readonly default: string }
    ? string
    : string | undefined;

export interface CommandContext<A extends readonly ArgumentDefinition[], O extends OptionDefinitions> {
  readonly args: { readonly [K in A[number]['name']]: string };
  readonly options: { readonly [K in keyof O]: OptionValue<O[K]> };
  readonly io: CliIo;
  /** The spec folder to work on; `undefined` means the `specs/` shipped with tekigo. */
  readonly specsDir: string | undefined;
}

/**
 * A command as data: the parser, the help text and the dispatcher are all driven by these
 * fields. `run` resolves to the exit code: 0 ok, 1 a finding. Usage and environment problems
 * are thrown as `TekigoUsageError` / `TekigoEnvironmentError` and become exit code 2.
 */
export interface CommandDefinition<
  A extends readonly ArgumentDefinition[] = readonly ArgumentDefinition[],
  O extends OptionDefinitions = OptionDefinitions,
> {
  /** One or more words, e.g. `list` or `spec digest`. */
  readonly name: string;
  readonly summary: string;
  readonly args: A;
  readonly options: O;
  run(context: CommandContext<A, O>): Promise<number>;
}

/** Keeps the literal names of arguments and options, so `run` sees typed `args` and `options`. */
export function defineCommand<
  const A extends readonly ArgumentDefinition[],
  const O extends OptionDefinitions,
>(command: CommandDefinition<A, O>): CommandDefinition<A, O> {
  return command;
}
