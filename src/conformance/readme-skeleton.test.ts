import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, test } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The files of the "Adding a role" skeleton in src/README.md, each opened by `// suites/<role>/<file>`. */
function skeletonFiles(): Map<string, string> {
  const readme = readFileSync(join(root, 'src/README.md'), 'utf8');
  const block = /## Adding a role[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const files = new Map<string, string>();
  let current: string | undefined;
  for (const line of block.split('\n')) {
    const opened = /^\/\/ (suites\/[\w-]+\/[\w.-]+\.ts)/.exec(line)?.[1];
    if (opened) current = join(root, opened);
    if (current) files.set(current, `${files.get(current) ?? ''}${line}\n`);
  }
  return files;
}

test('the skeleton of a new role in src/README.md typechecks against the harness', () => {
  const files = skeletonFiles();
  expect([...files.keys()].map((f) => f.slice(root.length + 1))).toEqual([
    'suites/municipality/adapter.ts',
    'suites/municipality/profiles.test.ts',
    'suites/municipality/resident-sync.test.ts',
  ]);
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => {},
    },
  );
  if (!config) throw new Error('tsconfig.json did not parse');
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  const folders = new Set([...files.keys()].map((name) => dirname(name)));
  host.fileExists = (name) => files.has(name) || fileExists(name);
  host.directoryExists = (name) =>
    folders.has(name) || (directoryExists?.(name) ?? ts.sys.directoryExists(name));
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    return text === undefined
      ? getSourceFile(name, language, ...rest)
      : ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram([...files.keys()], config.options, host);
  const problems = [...files.keys()].flatMap((name) => {
    const source = program.getSourceFile(name);
    return source
      ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
      : [];
  });
  expect(
    problems.map(
      (d) =>
        `${d.file?.fileName.slice(root.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    ),
  ).toEqual([]);
}, 60_000);
