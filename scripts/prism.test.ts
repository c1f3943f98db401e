/**
 * Prism, a mock server vendors build from an OpenAPI document, starts from every bundled
 * document, accepts every documented request example, and every answer it gives (its default
 * answer and each documented response example, asked for with `Prefer: example=NAME`) is a
 * message `tekigo validate` accepts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../src/cli/main.ts';
import { freePort } from '../test-env/embedded/index.ts';
import { sourceDocuments } from './bundle-specs.ts';
import { repositoryRoot, toolScript } from './dev-tool.ts';

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const EXAMPLE_SUMMARY = /^specs\/examples\/(.+)\/[^/]+\.json$/;

const scratch = mkdtempSync(join(tmpdir(), 'tekigo-prism-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function startPrism(document: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      toolScript('@stoplight/prism-cli', 'prism'),
      'mock',
      document,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--errors',
    ],
    { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  const output: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start: ${output.join('\n')}`)), 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${code}): ${output.join('\n')}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      if (line.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { url: `http://127.0.0.1:${port}`, process: child };
}

/** Every value of a member called `name` in the document's examples: candidates for a parameter. */
function exampleValues(node: unknown, name: string, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) exampleValues(item, name, found);
  else if (isNode(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === name && (typeof value === 'string' || typeof value === 'number')) found.push(String(value));
      else exampleValues(value, name, found);
    }
  }
  return found;
}

/** The message type of a Media Type object's examples, from the summaries npm run bundle writes. */
function messageTypeOf(media: Node): string | undefined {
  for (const example of Object.values(isNode(media.examples) ? media.examples : {})) {
    const summary = isNode(example) && typeof example.summary === 'string' ? example.summary : '';
    const match = EXAMPLE_SUMMARY.exec(summary);
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

async function tekigoValidate(messageType: string, body: string): Promise<string[]> {
  const file = join(scratch, 'answer.json');
  writeFileSync(file, body);
  const lines: string[] = [];
  const code = await runCli(['validate', messageType, file], {
    stdout: (line) => lines.push(line),
    stderr: (line) => lines.push(line),
  });
  return code === 0 ? [] : lines;
}

interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly body?: unknown;
  readonly prefer?: string;
}

describe.each(sourceDocuments(join(repositoryRoot, 'specs')))('Prism from specs/bundled/%s', (document) => {
  test('accepts every documented request and every answer validates with tekigo validate', async () => {
    const spec = parse(readFileSync(join(repositoryRoot, 'specs', 'bundled', document), 'utf8')) as Node;
    const examplesOnly = { paths: spec.paths, components: spec.components };
    const prism = await startPrism(join('specs', 'bundled', document));
    const problems: string[] = [];
    let answers = 0;
    try {
      for (const [path, item] of Object.entries(spec.paths as Node)) {
        if (!isNode(item)) continue;
        for (const method of METHODS) {
          const operation = item[method];
          if (!isNode(operation)) continue;
          const parameters = [
            ...(Array.isArray(item.parameters) ? item.parameters : []),
            ...(Array.isArray(operation.parameters) ? operation.parameters : []),
          ].filter((p): p is Node => isNode(p) && typeof p.name === 'string');
          let url = path;
          const query = new URLSearchParams();
          for (const parameter of parameters) {
            if (parameter.in !== 'path' && !(parameter.in === 'query' && parameter.required === true))
              continue;
            const value = exampleValues(examplesOnly, parameter.name as string)[0];
            if (value === undefined) {
              problems.push(
                `${method.toUpperCase()} ${path}: no example has a value for parameter ${parameter.name}`,
              );
              continue;
            }
            if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, encodeURIComponent(value));
            else query.set(parameter.name as string, value);
          }
          if (query.size > 0) url += `?${query}`;

          const requestMedia =
            isNode(operation.requestBody) && isNode(operation.requestBody.content)
              ? operation.requestBody.content['application/json']
              : undefined;
          const requestExamples =
            isNode(requestMedia) && isNode(requestMedia.examples)
              ? Object.values(requestMedia.examples).map((e) => (e as Node).value)
              : [undefined];
          const [status, response] =
            Object.entries(operation.responses as Node).find(([s]) => s.startsWith('2')) ?? [];
          const responseMedia =
            isNode(response) && isNode(response.content)
              ? (Object.values(response.content)[0] as Node)
              : undefined;
          const responseExamples = isNode(responseMedia?.examples) ? Object.keys(responseMedia.examples) : [];
          const exchanges: Exchange[] = [
            ...requestExamples.map((body) => ({ method, url, body })),
            ...responseExamples.map((prefer) => ({ method, url, body: requestExamples[0], prefer })),
          ];
          for (const exchange of exchanges) {
            const response = await fetch(prism.url + exchange.url, {
              method: exchange.method.toUpperCase(),
              headers: {
                ...(exchange.body === undefined ? {} : { 'content-type': 'application/json' }),
                ...(exchange.prefer === undefined ? {} : { prefer: `example=${exchange.prefer}` }),
              },
              ...(exchange.body === undefined ? {} : { body: JSON.stringify(exchange.body) }),
            });
            const text = await response.text();
            const what = `${method.toUpperCase()} ${exchange.url}${exchange.prefer ? ` (example ${exchange.prefer})` : ''}`;
            answers += 1;
            if (String(response.status) !== status) {
              problems.push(
                `${what}: Prism answered ${response.status}, the document says ${status}: ${text.slice(0, 300)}`,
              );
              continue;
            }
            const messageType = responseMedia === undefined ? undefined : messageTypeOf(responseMedia);
            if (responseMedia !== undefined && messageType === undefined) {
              problems.push(
                `${what}: the ${status} answer has no documented example to name its message type`,
              );
            } else if (messageType !== undefined) {
              for (const line of await tekigoValidate(messageType, text)) problems.push(`${what}: ${line}`);
            }
          }
        }
      }
    } finally {
      prism.process.kill();
    }
    expect(problems).toEqual([]);
    expect(answers).toBeGreaterThan(0);
  }, 180_000);
});
