import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixtureSpecsDir } from '../spec/fixtures/fixture-specs.ts';
import { specDigest } from '../spec/spec-digest.ts';
import type { CliIo } from './command-definition.ts';
import { commands } from './commands/index.ts';
import { runCli } from './main.ts';

async function cli(...argv: string[]) {
  return cliWithInput(undefined, ...argv);
}

async function cliWithInput(input: Uint8Array | undefined, ...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    stdin: async () => input ?? new Uint8Array(),
  };
  const code = await runCli(argv, io, { specsDir: fixtureSpecsDir });
  return { code, stdout, stderr };
}

const example = (name: string) => join(fixtureSpecsDir, 'examples/greetings/hello', name);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tekigo-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every usage or environment problem is exactly one line on stderr, in one shape. */
function expectOneLineError(result: { code: number; stdout: string[]; stderr: string[] }, pattern: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toEqual([]);
  expect(result.stderr).toHaveLength(1);
  expect(result.stderr[0]).toMatch(/^tekigo: [^\n]+: [^\n]+\. [^\n]+$/);
  expect(result.stderr[0]).toMatch(pattern);
}

describe('tekigo validate', () => {
  test('exits 0 for a valid document', async () => {
    const file = example('valid-minimal.json');
    expect(await cli('validate', 'greetings/hello', file)).toEqual({
      code: 0,
      stdout: [`valid: ${file} (greetings/hello)`],
      stderr: [],
    });
  });

  test('exits 1 with one line per error for an invalid document', async () => {
    const file = join(dir, 'two-errors.json');
    await writeFile(file, JSON.stringify({ residentCode: '12345678901', greeting: 'hello', extra: 1 }));
    expect(await cli('validate', 'greetings/hello', file)).toEqual({
      code: 1,
      stdout: [
        '/ must NOT have additional properties: "extra"',
        '/residentCode must match format "resident-code": wrong check digit: "12345678901" ends in 1, but the check digit of 1234567890 is 0',
      ],
      stderr: [],
    });
  });

  test('exits 2 for a missing file', async () => {
    expectOneLineError(
      await cli('validate', 'greetings/hello', join(dir, 'absent.json')),
      /absent\.json: no such file\. Check the path$/,
    );
  });

  test('exits 2 for invalid JSON, giving the position', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{\n  "greeting": "hello",\n}\n');
    expectOneLineError(
      await cli('validate', 'greetings/hello', file),
      /cannot parse .*broken\.json as JSON: Expected double-quoted property name at line 3 column 1 \(offset 25\)/,
    );
  });

  test('exits 2 for an unknown message type, naming close ones', async () => {
    expectOneLineError(
      await cli('validate', 'greeting/helo', example('valid-minimal.json')),
      /unknown message type "greeting\/helo": .* Did you mean greetings\/hello\?$/,
    );
  });

  test('exits 2 when an argument is missing or extra', async () => {
    expectOneLineError(await cli('validate', 'greetings/hello'), /missing <file\.json> for tekigo validate/);
    expectOneLineError(await cli('validate', 'a', 'b', 'c'), /unexpected argument "c" for tekigo validate/);
  });
});

describe('command-line handling', () => {
  test('no command prints help on stderr and exits 2', async () => {
    const result = await cli();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: tekigo <command> [options]');
  });

  test('--help lists every declared command', async () => {
    const result = await cli('--help');
    expect(result.code).toBe(0);
    for (const command of commands) {
      expect(
        result.stdout.some((line) => line.includes(command.summary) && line.includes(command.name)),
      ).toBe(true);
    }
  });

  test('<command> --help is generated from the declaration', async () => {
    const result = await cli('validate', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout[0]).toBe('Usage: tekigo validate <message-type> <file.json> [options]');
    expect(result.stdout.join('\n')).toMatch(/<message-type> +e\.g\. certificate-issuances\/batch-request/);
    expect((await cli('docs', '-h')).stdout.join('\n')).toMatch(
      /--out <dir> +the folder to write into \(default: docs-build\)/,
    );
  });

  test('an unknown command exits 2, suggesting close ones', async () => {
    expectOneLineError(await cli('lst'), /unknown command "lst": .* Did you mean list\?/);
    expectOneLineError(await cli('spec', 'digets'), /unknown command "spec": .* Did you mean spec digest\?/);
    expectOneLineError(await cli('--verbose'), /unknown option --verbose: tekigo expects a command first/);
  });

  test('an unknown or malformed option exits 2', async () => {
    expectOneLineError(
      await cli('list', '--rol', 'relay'),
      /unknown option --rol for tekigo list: .* Did you mean --role\?/,
    );
    expectOneLineError(await cli('list', '--json=yes'), /invalid option for tekigo list: /);
    expectOneLineError(await cli('list', '--role'), /invalid option for tekigo list: /);
  });
});

describe('tekigo validate on real files', () => {
  const valid = { residentCode: '12345678900', greeting: 'hello' };

  test('- reads standard input', async () => {
    const result = await cliWithInput(Buffer.from(JSON.stringify(valid)), 'validate', 'greetings/hello', '-');
    expect(result).toEqual({ code: 0, stdout: ['valid: standard input (greetings/hello)'], stderr: [] });
  });

  test('--json prints one JSON object with the errors and their explanations', async () => {
    const input = Buffer.from(JSON.stringify({ ...valid, residentCode: '1234567890' }));
    const result = await cliWithInput(input, 'validate', 'greetings/hello', '-', '--json');
    expect(result.code).toBe(1);
    expect(result.stdout).toHaveLength(1);
    expect(JSON.parse(result.stdout[0] as string)).toMatchObject({
      file: 'standard input',
      messageType: 'greetings/hello',
      valid: false,
      errorCount: 2,
      omittedErrors: 0,
      errors: expect.arrayContaining([
        expect.objectContaining({
          instancePath: '/residentCode',
          keyword: 'format',
          explanation: expect.stringMatching(/11 ASCII digits/),
        }),
      ]),
    });
  });

  test('a UTF-8 byte order mark is refused with one line', async () => {
    const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(valid))]);
    expectOneLineError(
      await cliWithInput(input, 'validate', 'greetings/hello', '-'),
      /cannot read standard input: it starts with a UTF-8 byte order mark/,
    );
  });

  test('bytes that are not UTF-8 are refused, not silently replaced', async () => {
    const input = Buffer.concat([Buffer.from('{"greeting":"'), Buffer.from([0x80, 0xff]), Buffer.from('"}')]);
    expectOneLineError(
      await cliWithInput(input, 'validate', 'greetings/hello', '-'),
      /cannot read standard input: it is not UTF-8 \(the sequence at byte offset 13, line 1 column 14, is invalid: 80 FF/,
    );
  });

  test('the output stops after --max-errors errors and says how many more there are', async () => {
    const file = join(dir, 'many-errors.json');
    await writeFile(
      file,
      JSON.stringify({
        ...valid,
        ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`extra${i}`, i])),
      }),
    );
    const result = await cli('validate', 'greetings/hello', file, '--max-errors', '5');
    expect(result.code).toBe(1);
    expect(result.stdout).toHaveLength(6);
    expect(result.stdout[5]).toBe('… and 25 more errors (30 in all; --max-errors N shows more)');
    expectOneLineError(
      await cli('validate', 'greetings/hello', file, '--max-errors', '0'),
      /invalid --max-errors for tekigo validate: "0"/,
    );
  });
});

describe('tekigo --version and help', () => {
  test('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(await cli('--version')).toEqual({ code: 0, stdout: [`tekigo ${version}`], stderr: [] });
    expect((await cli('-V')).stdout).toEqual([`tekigo ${version}`]);
  });

  test('help and help <command> are --help and <command> --help', async () => {
    expect(await cli('help')).toEqual(await cli('--help'));
    expect(await cli('help', 'validate')).toEqual(await cli('validate', '--help'));
    expectOneLineError(await cli('help', 'lst'), /unknown command "lst"/);
  });

  test('run --help lists the roles and marks --role required; run refuses a line without it', async () => {
    const help = (await cli('run', '--help')).stdout.join('\n');
    expect(help).toMatch(
      /--role <role> +\(required\) .*one of: municipality, national-center, certification-authority, issuance-service, relay/,
    );
    expectOneLineError(await cli('run'), /missing --role for tekigo run: it is required/);
    expectOneLineError(
      await cli('run', '--role', 'relai'),
      /unknown value "relai" for --role .* Did you mean relay\?/,
    );
  });
});

describe('tekigo list', () => {
  test('prints a table of the catalog', async () => {
    const result = await cli('list');
    expect(result.code).toBe(0);
    expect(result.stdout[0]).toMatch(/^ID +LEVEL +ROLES +STATEMENT$/);
    expect(result.stdout.slice(1).map((line) => line.split(/ +/)[0])).toEqual([
      'GEN-VAL-001',
      'CA-REV-001',
      'ISS-DOC-001',
    ]);
    expect(result.stdout[3]).toMatch(/…$/);
  });

  test('--json prints the selected entries with all their fields', async () => {
    const result = await cli('list', '--role', 'certification-authority', '--json');
    expect(result.code).toBe(0);
    const entries = JSON.parse(result.stdout.join('\n'));
    expect(entries.map((e: { id: string }) => e.id)).toEqual(['GEN-VAL-001', 'CA-REV-001']);
    expect(Object.keys(entries[1]).sort()).toEqual(
      [
        'id',
        'incidents',
        'interfaces',
        'level',
        'observed-by',
        'rationale',
        'roles',
        'statement',
        'statement-ja',
        'topics',
      ].sort(),
    );
  });

  test('--level filters, whatever the case', async () => {
    const result = await cli('list', '--level', 'should', '--json');
    expect(JSON.parse(result.stdout.join('\n')).map((e: { id: string }) => e.id)).toEqual(['ISS-DOC-001']);
  });

  test('an unknown role or level exits 2', async () => {
    expectOneLineError(
      await cli('list', '--role', 'relais'),
      /unknown role "relais": the roles are .* Did you mean relay\?/,
    );
    expectOneLineError(await cli('list', '--level', 'MUSTNT'), /unknown level "MUSTNT"/);
  });
});

describe('spec commands', () => {
  test('spec digest prints the digest of the spec folder', async () => {
    expect(await cli('spec', 'digest')).toEqual({
      code: 0,
      stdout: [await specDigest(fixtureSpecsDir)],
      stderr: [],
    });
  });

  test('message-types lists the schemas', async () => {
    expect((await cli('message-types')).stdout).toEqual(['common/resident-code', 'greetings/hello']);
  });

  test('catalog summarises the catalog', async () => {
    const result = await cli('catalog');
    expect(result.code).toBe(0);
    expect(result.stdout[0]).toMatch(/^tekigo catalog 0\.1\.0 \(spec sha256:[0-9a-f]{64}\): 3 requirements$/);
    expect(result.stdout).toContainEqual(expect.stringMatching(/^certification-authority +2 +0 +0$/));
    expect(result.stdout).toContainEqual(expect.stringMatching(/^INC-2004-JPKI +2 +Issuance data/));
  });

  test('a broken spec folder exits 2 with one line', async () => {
    const stderr: string[] = [];
    const io: CliIo = { stdout: () => {}, stderr: (line) => stderr.push(line) };
    expect(await runCli(['message-types'], io, { specsDir: join(dir, 'nowhere') })).toBe(2);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^tekigo: cannot load the spec: .*nowhere.* cannot be read/);
  });
});

describe('tekigo docs', () => {
  test('renders each OpenAPI document and the catalog', async () => {
    const out = join(dir, 'docs');
    const result = await cli('docs', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toEqual([
      expect.stringMatching(/certification-authority\.html \((redocly|plain)\)$/),
      expect.stringMatching(/peers\/print-service\.html \((redocly|plain)\)$/),
      `wrote ${join(out, 'requirements.md')}`,
      `wrote ${join(out, 'index.html')}`,
    ]);
    expect(await readFile(join(out, 'certification-authority.html'), 'utf8')).toContain('Say hello');
    expect(await readFile(join(out, 'requirements.md'), 'utf8')).toContain('| CA-REV-001 | MUST |');
    expect(await readFile(join(out, 'index.html'), 'utf8')).toContain('href="peers/print-service.html"');
  });
});
