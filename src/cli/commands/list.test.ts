import { afterEach, describe, expect, test, vi } from 'vitest';
import { displayWidth } from '../../i18n/display-width.ts';
import { fixtureSpecsDir } from '../../spec/fixtures/fixture-specs.ts';
import { runCli } from '../main.ts';

async function list(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(
    ['list', ...argv],
    { stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l) },
    {
      specsDir: fixtureSpecsDir,
    },
  );
  return { code, stdout, stderr };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('tekigo list --lang', () => {
  test('ja prints the Japanese statements under Japanese headings, columns aligned on the terminal', async () => {
    const result = await list('--lang', 'ja');
    expect(result.code).toBe(0);
    expect(result.stdout[0]).toMatch(/^ID +レベル +ロール +要件$/);
    expect(result.stdout[1]).toContain('受信側は、形式に誤りのあるメッセージを');
    expect(result.stdout[1]).toContain('全ロール');
    // The statement column starts at the same terminal column on every line.
    const starts = result.stdout.map((line) => {
      const cells = line.split(/ {2,}/);
      return displayWidth(line) - displayWidth(cells.at(-1) ?? '');
    });
    expect(new Set(starts).size).toBe(1);
  });

  test('en prints the English statements', async () => {
    const result = await list('--lang', 'en');
    expect(result.stdout[0]).toMatch(/^ID +LEVEL +ROLES +STATEMENT$/);
    expect(result.stdout[1]).toContain('A receiver MUST reject');
  });

  test('the default follows the locale: LANG=ja_JP.UTF-8 gives Japanese, LC_ALL overrides it', async () => {
    vi.stubEnv('LC_ALL', '');
    vi.stubEnv('LC_MESSAGES', '');
    vi.stubEnv('LANG', 'ja_JP.UTF-8');
    expect((await list()).stdout[0]).toMatch(/要件$/);
    vi.stubEnv('LC_ALL', 'C.UTF-8');
    expect((await list()).stdout[0]).toMatch(/STATEMENT$/);
  });

  test('an unknown language exits 2 with one line', async () => {
    const result = await list('--lang', 'fr');
    expect(result.code).toBe(2);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(/unknown value "fr" for --lang of tekigo list: use one of en, ja/);
  });
});
