import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { launchTarget, loadTargetFile } from './target-spec.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tekigo-target-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
};

describe('launch targets', () => {
  test('--launch takes every default of the launch contract', () => {
    expect(launchTarget('node server.js --port {port}')).toEqual({
      kind: 'launch',
      launch: {
        command: 'node server.js --port {port}',
        startTimeoutMs: 30_000,
        logs: 'stdout',
        healthPath: '/health',
        source: '--launch',
      },
    });
    expect(() => launchTarget('  ')).toThrow(expect.objectContaining({ code: 'BAD_LAUNCH' }));
  });

  test('a YAML target file is read with cwd relative to it', () => {
    const at = file(
      'ok.yaml',
      'command: [./ca, --port, "{port}"]\ncwd: impl\nenv: { A: "1" }\nstartTimeoutMs: 5000\nlogs: { file: "{dataDir}/log" }\nhealthPath: /healthz\n',
    );
    expect(loadTargetFile(at)).toEqual({
      kind: 'launch',
      launch: {
        command: ['./ca', '--port', '{port}'],
        cwd: path.join(dir, 'impl'),
        env: { A: '1' },
        startTimeoutMs: 5000,
        logs: { file: '{dataDir}/log' },
        healthPath: '/healthz',
        source: at,
      },
    });
  });

  test('a JSON target file works too', () => {
    expect(loadTargetFile(file('ok.json', '{"command":"./ca"}'))).toMatchObject({
      launch: { command: './ca' },
    });
  });

  test.each([
    ['missing command', 'cwd: x\n', /\/ needs command/],
    ['unknown field', 'command: x\nstartTimeout: 5\n', /unknown field startTimeout/],
    ['wrong type', 'command: x\nstartTimeoutMs: soon\n', /\/startTimeoutMs must be integer/],
    ['bad logs', 'command: x\nlogs: stderr\n', /\/logs/],
    ['not YAML', 'command: [x\n', /neither YAML nor JSON/],
  ])('%s: one usage error line naming the problem', (name, text, message) => {
    const error = (() => {
      try {
        loadTargetFile(file(`${name}.yaml`, text));
      } catch (e) {
        return e as Error & { code: string };
      }
    })();
    expect(error?.code).toBe('BAD_TARGET_FILE');
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
  });

  test('a missing file is a usage error', () => {
    expect(() => loadTargetFile(path.join(dir, 'absent.yaml'))).toThrow(/cannot read --target-file .*ENOENT/);
  });
});
