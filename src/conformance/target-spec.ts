import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { TekigoUsageError } from '../errors.ts';

/**
 * What the run is pointed at: the reference, one replica of it, an implementation already
 * running at a URL, or a vendor's implementation that tekigo launches itself (the test-mode
 * launch contract in specs/: `--launch "CMD"` or `--target-file FILE`).
 */
export type TargetSpec =
  | { readonly kind: 'reference' }
  | { readonly kind: 'replica'; readonly name: string }
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'launch'; readonly launch: LaunchSpec }
  /** A vendor's container image (`image:NAME[:TAG]`), run by `--env containers` under the launch contract. */
  | { readonly kind: 'image'; readonly image: string };

/** How to start a vendor's implementation; placeholders `{host}`, `{port}`, `{dataDir}` are substituted. */
export interface LaunchSpec {
  /** A shell command (run through `/bin/sh -c`) or an argv array (run as is). */
  readonly command: string | readonly string[];
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** How long the implementation may take to answer 200 on its health path. */
  readonly startTimeoutMs: number;
  /** Where its JSON log lines go: its stdout, or a file it appends to. */
  readonly logs: 'stdout' | { readonly file: string };
  readonly healthPath: string;
  /** Where the spec came from, for messages and the report: `--launch` or the target file's path. */
  readonly source: string;
}

export const DEFAULT_START_TIMEOUT_MS = 30_000;
export const DEFAULT_HEALTH_PATH = '/health';

export function parseTarget(value: string): TargetSpec {
  if (value === 'reference') return { kind: 'reference' };
  if (value.startsWith('replica:')) {
    const name = value.slice('replica:'.length);
    if (name === '')
      throw new TekigoUsageError(
        'BAD_TARGET',
        `--target ${value} names no replica. Use replica:NAME (see tekigo replicas)`,
      );
    return { kind: 'replica', name };
  }
  if (value.startsWith('image:')) {
    const image = value.slice('image:'.length);
    if (
      !/^([a-z0-9.-]+:\d+\/)?[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/.test(
        image,
      )
    )
      throw new TekigoUsageError(
        'BAD_TARGET',
        `--target ${value} names no image; use image:NAME[:TAG], e.g. image:registry.example/ca:1.2 (with --env containers)`,
      );
    return { kind: 'image', image };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TekigoUsageError(
      'BAD_TARGET',
      `--target ${JSON.stringify(value)} is not reference, replica:NAME, image:NAME[:TAG] or an http(s) URL. Use one of those, or --launch "CMD" / --target-file FILE`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TekigoUsageError(
      'BAD_TARGET',
      `--target ${value} uses ${url.protocol}; use an http:// or https:// URL`,
    );
  }
  return { kind: 'url', url: value.replace(/\/+$/, '') };
}

/** `--launch "CMD"`: the command is run through `/bin/sh -c` with every contract default. */
export function launchTarget(command: string): TargetSpec {
  if (command.trim() === '') {
    throw new TekigoUsageError(
      'BAD_LAUNCH',
      '--launch is empty; give the command that starts your implementation, e.g. --launch "node server.js --port {port}"',
    );
  }
  return {
    kind: 'launch',
    launch: {
      command,
      startTimeoutMs: DEFAULT_START_TIMEOUT_MS,
      logs: 'stdout',
      healthPath: DEFAULT_HEALTH_PATH,
      source: '--launch',
    },
  };
}

const TARGET_FILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['command'],
  properties: {
    command: {
      oneOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      ],
    },
    cwd: { type: 'string', minLength: 1 },
    env: { type: 'object', additionalProperties: { type: 'string' } },
    startTimeoutMs: { type: 'integer', minimum: 100, maximum: 600_000 },
    logs: {
      oneOf: [
        { const: 'stdout' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['file'],
          properties: { file: { type: 'string', minLength: 1 } },
        },
      ],
    },
    healthPath: { type: 'string', pattern: '^/' },
  },
} as const;

const validateTargetFile = new Ajv2020({ allErrors: true, strict: true }).compile(TARGET_FILE_SCHEMA);

/** `--target-file FILE` (YAML or JSON), schema-checked; `cwd` is relative to the file's folder. */
export function loadTargetFile(path: string): TargetSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TekigoUsageError(
      'BAD_TARGET_FILE',
      `cannot read --target-file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the path of a YAML or JSON target file`,
    );
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    const first = (error as Error).message.split('\n')[0];
    throw new TekigoUsageError(
      'BAD_TARGET_FILE',
      `--target-file ${path} is neither YAML nor JSON (${first}); fix its syntax`,
    );
  }
  return { kind: 'launch', launch: targetFileToLaunch(value, path) };
}

/** Checks a parsed target file against its schema and fills in the contract's defaults. */
export function targetFileToLaunch(value: unknown, path: string): LaunchSpec {
  if (!validateTargetFile(value)) {
    const errors = (validateTargetFile.errors ?? []).map(describeSchemaError);
    throw new TekigoUsageError(
      'BAD_TARGET_FILE',
      `--target-file ${path} is not a valid target file: ${errors.join('; ')}; fields: command (string or argv array, required), cwd, env, startTimeoutMs, logs ("stdout" or { file }), healthPath`,
    );
  }
  const file = value as {
    command: string | string[];
    cwd?: string;
    env?: Record<string, string>;
    startTimeoutMs?: number;
    logs?: 'stdout' | { file: string };
    healthPath?: string;
  };
  return {
    command: file.command,
    ...(file.cwd !== undefined ? { cwd: resolve(dirname(path), file.cwd) } : {}),
    ...(file.env !== undefined ? { env: file.env } : {}),
    startTimeoutMs: file.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    logs: file.logs ?? 'stdout',
    healthPath: file.healthPath ?? DEFAULT_HEALTH_PATH,
    source: path,
  };
}

function describeSchemaError(e: ErrorObject): string {
  const at = e.instancePath || '/';
  if (e.keyword === 'additionalProperties')
    return `${at} has unknown field ${String(e.params.additionalProperty)}`;
  if (e.keyword === 'required') return `${at} needs ${String(e.params.missingProperty)}`;
  return `${at} ${e.message ?? e.keyword}`;
}

export function formatTarget(target: TargetSpec): string {
  switch (target.kind) {
    case 'reference':
      return 'reference';
    case 'replica':
      return `replica:${target.name}`;
    case 'url':
      return target.url;
    case 'launch':
      return `launch:${commandText(target.launch.command)}`;
    case 'image':
      return `image:${target.image}`;
  }
}

export const commandText = (command: string | readonly string[]): string =>
  typeof command === 'string' ? command : command.join(' ');
