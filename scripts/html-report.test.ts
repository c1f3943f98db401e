/**
 * report.html as people see it: `tekigo run --lang ja` under an English locale writes it in Japanese
 * beside report.json, the same report renders in English, and headless Chromium shows the
 * summary and the requirement matrix of each with every network request refused and no script
 * error; the filters hide what they should. Screenshots are kept in .tmp/test-artifacts/html-report/.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { writeHtmlReport } from '../src/report/html/write-html-report.ts';
import type { RunReport } from '../src/report/report-model.ts';
import { loadCatalog } from '../src/spec/catalog.ts';
import { defaultSpecsDir } from '../src/spec/load-spec.ts';
import { repositoryRoot } from './dev-tool.ts';
import { launchChromium, withoutChromium } from './headless-chromium.ts';

const runDir = join(repositoryRoot, '.tmp', 'html-report', 'ja');
const englishDir = join(repositoryRoot, '.tmp', 'html-report', 'en');
const artifactsDir = join(repositoryRoot, '.tmp', 'test-artifacts', 'html-report');

let run: { code: number | null; stderr: string };

/** `tekigo run` from the sources, as a user with an English locale. */
function tekigo(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const cli = join(repositoryRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [cli, join(repositoryRoot, 'src/cli/main.ts'), ...args], {
    cwd: repositoryRoot,
    env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

beforeAll(async () => {
  rmSync(join(repositoryRoot, '.tmp', 'html-report'), { recursive: true, force: true });
  run = await tekigo([
    'run',
    '--role',
    'certification-authority',
    '--target',
    'replica:ca-retry-forever',
    '--grep',
    'CA-S01',
    '--report-dir',
    runDir,
    '--lang',
    'ja',
  ]);
  const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as RunReport;
  mkdirSync(englishDir, { recursive: true });
  await writeHtmlReport(englishDir, report, await loadCatalog(defaultSpecsDir()), 'en');
}, 600_000);

async function open(page: Page, file: string, problems: string[]): Promise<void> {
  await page.context().route(/^https?:/, (route) => {
    problems.push(`${file} requested ${route.request().url()}`);
    return route.abort();
  });
  page.on('pageerror', (error) => problems.push(`${file}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${file}: ${message.text()}`);
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
}

describe('report.html', () => {
  test('tekigo run --lang ja speaks Japanese over an English locale and writes report.html beside report.json', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/✗ 不合格 +CA-S01/);
    expect(run.stderr).toContain('tekigo: 不合格の要件: ');
    expect(existsSync(join(runDir, 'report.html'))).toBe(true);
    const html = readFileSync(join(runDir, 'report.html'), 'utf8');
    expect(html).toContain('<html lang="ja">');
  });

  test.skipIf(withoutChromium)(
    'headless Chromium shows the summary and the matrix in Japanese and in English, and the filters work',
    async () => {
      const browser = await launchChromium(artifactsDir);
      const problems: string[] = [];
      const expected = {
        ja: { dir: runDir, summary: '概要', matrix: '要件マトリクス', fail: '不合格', byIncident: '事案別' },
        en: {
          dir: englishDir,
          summary: 'Summary',
          matrix: 'Requirement matrix',
          fail: 'fail',
          byIncident: 'By incident',
        },
      };
      try {
        for (const [lang, words] of Object.entries(expected)) {
          const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
          const page = await context.newPage();
          await open(page, join(words.dir, 'report.html'), problems);
          await expect.poll(() => page.locator('#summary').isVisible()).toBe(true);
          expect(await page.locator('#summary h2').textContent()).toBe(words.summary);
          expect(await page.locator('#matrix').isVisible()).toBe(true);
          expect(await page.locator('#matrix h2').textContent()).toBe(words.matrix);
          expect(await page.locator('#matrix h3').first().textContent()).toBe(words.byIncident);
          expect(await page.locator('#summary .v.big').textContent()).toBe(words.fail);
          await page.screenshot({ path: join(artifactsDir, `report-${lang}.png`) });

          // Verdict filter: only the failing test stays; the requirement filter keeps rows by id prefix.
          const tests = page.locator('details.test');
          const all = await tests.count();
          expect(all).toBeGreaterThan(1);
          await page.selectOption('#f-verdict', 'fail');
          expect(await page.locator('details.test:not(.hidden)').count()).toBe(1);
          await page.selectOption('#f-verdict', '');
          await page.fill('#f-requirement', 'GEN-DLQ');
          const rows = page.locator('tr[data-filter="requirement"]:not(.hidden)');
          expect(await rows.count()).toBeGreaterThan(0);
          for (const id of await rows.locator('td:first-child').allTextContents())
            expect(id).toMatch(/^GEN-DLQ-/);
          await page.fill('#f-requirement', '');
          await page.fill('#f-text', 'CA-S01');
          expect(await page.locator('details.test:not(.hidden)').count()).toBe(1);

          // The failing test opens on its evidence transcript: exchanges with their timings and faults.
          await page.fill('#f-text', '');
          const failing = page.locator('details.test[data-verdict="fail"]');
          await failing.locator('summary').first().click();
          expect(await failing.locator('details.entry').count()).toBeGreaterThan(1);
          // A finding's evidence link opens the entry it names.
          const link = failing.locator('td a[href^="#e"]').first();
          const anchor = ((await link.getAttribute('href')) ?? '').slice(1);
          await link.click();
          // The page opens it on `hashchange`, a task queued after the click returns: wait for it.
          await expect
            .poll(() => page.locator(`[id="${anchor}"]`).getAttribute('open'), { timeout: 10_000 })
            .not.toBeNull();
          await failing.screenshot({ path: join(artifactsDir, `test-${lang}.png`) });
          await context.close();
        }
      } finally {
        await browser.close();
      }
      expect(problems).toEqual([]);
    },
    300_000,
  );
});
