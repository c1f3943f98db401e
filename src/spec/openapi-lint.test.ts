import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
const specs = join(root, 'specs');
const redocly = join(root, 'node_modules', '.bin', 'redocly');
// Redocly must not reach the network from a test: no telemetry, no update check.
const redoclyEnv = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
const httpMethods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** OpenAPI documents as POSIX paths relative to specs/, e.g. `openapi/peers/print-service.yaml`. */
const documents = ['openapi', 'openapi/peers']
  .flatMap((dir) =>
    readdirSync(join(specs, dir))
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => `${dir}/${name}`),
  )
  .sort();
/** One document per role of common/role.json; common.yaml is the library they share, peers/ are not roles. */
const roleDocuments = (
  JSON.parse(readFileSync(join(specs, 'schemas/common/role.json'), 'utf8')) as { enum: string[] }
).enum.map((role) => `openapi/${role}.yaml`);

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { source: { ref: string }; pointer?: string; start?: { line: number; col: number } }[];
}

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: LintProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const yamlCache = new Map<string, unknown>();
function loadYaml(file: string): unknown {
  if (!yamlCache.has(file)) yamlCache.set(file, parse(readFileSync(file, 'utf8')));
  return yamlCache.get(file);
}

// One document per run: with several inputs, `--format=json` prints one JSON object per document, concatenated.
function lint(document: string): LintReport {
  const run = spawnSync(
    process.execPath,
    [redocly, 'lint', '--config', 'specs/redocly.yaml', '--format=json', `specs/${document}`],
    { cwd: root, env: redoclyEnv, encoding: 'utf8', timeout: 50_000 },
  );
  if (run.error) throw run.error;
  try {
    return JSON.parse(run.stdout) as LintReport;
  } catch {
    throw new Error(
      `redocly lint of specs/${document} printed no JSON report (exit ${run.status}): ${run.stderr}`,
    );
  }
}

function describeProblem(problem: LintProblem): string {
  const where = problem.location
    .map(
      ({ source, pointer, start }) =>
        `${source.ref}${start ? `:${start.line}:${start.col}` : ''} ${pointer ?? ''}`,
    )
    .join(', ');
  return `${problem.ruleId}: ${problem.message} (${where})`;
}

/** Every `$ref` value in a parsed document. */
function collectRefs(node: unknown, refs: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, refs);
  else if (isRecord(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      else collectRefs(value, refs);
    }
  }
  return refs;
}

/** Follows a `$ref` (relative file and/or JSON Pointer fragment) made in `fromFile`. */
function resolveRef(fromFile: string, ref: string): unknown {
  const [path = '', fragment = ''] = ref.split('#');
  const file = path === '' ? fromFile : resolve(dirname(fromFile), path);
  let value = loadYaml(file);
  for (const token of fragment.split('/').slice(1)) {
    const key = decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
    value = isRecord(value) ? value[key] : undefined;
  }
  return value;
}

/** `METHOD /path` for every operation of a document, following path-item `$ref`s. */
function operationsOf(document: string): string[] {
  const file = join(specs, document);
  const doc = loadYaml(file);
  const paths = isRecord(doc) && isRecord(doc.paths) ? doc.paths : {};
  return Object.entries(paths).flatMap(([path, item]) => {
    const ref = isRecord(item) ? item.$ref : undefined;
    const resolved = typeof ref === 'string' ? resolveRef(file, ref) : item;
    return isRecord(resolved)
      ? Object.keys(resolved)
          .filter((key) => httpMethods.has(key))
          .map((method) => `${method.toUpperCase()} ${path}`)
      : [];
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Rows of the interface table in specs/README.md: interface name and the operations its HTTP cell lists. */
function readmeInterfaces(): { name: string; operations: string[] }[] {
  const readme = readFileSync(join(specs, 'README.md'), 'utf8');
  const section = readme.split('## Interfaces and message types')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter(
      ([, name = '']) =>
        name !== '' && name !== 'interface' && !name.startsWith('(') && !name.startsWith('-'),
    )
    .map(([, name = '', , http = '']) => ({
      name,
      operations: [...http.matchAll(/`(GET|PUT|POST|DELETE|PATCH) (\/[^`?\s]*)/g)].map(
        ([, m, p]) => `${m} ${p}`,
      ),
    }));
}

describe('OpenAPI documents', () => {
  it('has one document per role', () => {
    expect(roleDocuments.length).toBeGreaterThan(0);
    expect(documents).toEqual(expect.arrayContaining(roleDocuments));
  });

  it('lists every document under apis in specs/redocly.yaml, so that per-document rules apply', () => {
    const config = loadYaml(join(specs, 'redocly.yaml'));
    const apis = isRecord(config) && isRecord(config.apis) ? Object.values(config.apis) : [];
    const roots = apis.map((api) => (isRecord(api) ? api.root : undefined));
    expect(roots.sort()).toEqual(documents);
  });

  it.each(documents)('%s passes redocly lint with 0 errors', { timeout: 60_000 }, (document) => {
    const report = lint(document);
    const errors = report.problems.filter((problem) => problem.severity === 'error').map(describeProblem);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('references every message type schema outside schemas/common/', () => {
    const referenced = new Set(
      documents.flatMap((document) => {
        const file = join(specs, document);
        return collectRefs(loadYaml(file))
          .map((ref) => ref.split('#')[0] ?? '')
          .filter((path) => path !== '')
          .map((path) => resolve(dirname(file), path));
      }),
    );
    const messageTypes = filesUnder(join(specs, 'schemas'))
      .filter((file) => file.endsWith('.json'))
      .map((file) => relative(join(specs, 'schemas'), file).split(sep).join('/'))
      .filter((messageType) => !messageType.startsWith('common/'));
    expect(messageTypes.length).toBeGreaterThan(0);
    const unreferenced = messageTypes.filter(
      (messageType) => !referenced.has(join(specs, 'schemas', messageType)),
    );
    expect(unreferenced).toEqual([]);
  });

  it('serves the common endpoints in every role document', () => {
    const common = operationsOf('openapi/common.yaml');
    expect(common).toContain('GET /health');
    const missing = roleDocuments.flatMap((document) => {
      const served = operationsOf(document);
      return common.filter((operation) => !served.includes(operation)).map((op) => `${document}: ${op}`);
    });
    expect(missing).toEqual([]);
  });

  it('serves every operation of every interface in the table of specs/README.md', () => {
    const served = new Set(
      documents.filter((document) => document !== 'openapi/common.yaml').flatMap(operationsOf),
    );
    const interfaces = readmeInterfaces();
    expect(interfaces.map(({ name }) => name)).toContain('resident-changes');
    const missing = interfaces.flatMap(({ name, operations }) =>
      operations.length === 0
        ? [`${name}: no operation in the table`]
        : operations
            .filter((operation) => !served.has(operation))
            .map((operation) => `${name}: ${operation}`),
    );
    expect(missing).toEqual([]);
  });
});
