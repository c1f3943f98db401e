/**
 * `npm run docs` works on a closed network: the pages reference no http(s) resource (script,
 * style, font, image, frame), and headless Chromium renders them while every request to the
 * network is refused. A screenshot of each page is kept in .tmp/test-artifacts/docs/.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import { repositoryRoot } from './dev-tool.ts';
import { launchChromium, withoutChromium } from './headless-chromium.ts';

const outDir = join(repositoryRoot, '.tmp', 'docs-build');
const artifactsDir = join(repositoryRoot, '.tmp', 'test-artifacts', 'docs');

/** Attributes and CSS that make a browser fetch something (links to other pages are not resources). */
const RESOURCE_REFERENCE =
  /<(?:script|img|iframe|embed|source|video|audio|input)\b[^>]*\bsrc\s*=\s*["']?\s*https?:|<link\b[^>]*\bhref\s*=\s*["']?\s*https?:|url\(\s*["']?\s*https?:|@import\s+(?:url\()?\s*["']?https?:|\bsrcset\s*=\s*["'][^"']*https?:/gi;

let pages: string[] = [];

beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  const lines: string[] = [];
  const code = await runCli(['docs', '--out', outDir], {
    stdout: (line) => lines.push(line),
    stderr: (line) => lines.push(line),
  });
  expect(code, lines.join('\n')).toBe(0);
  pages = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .sort();
}, 600_000);

describe('npm run docs', () => {
  test('the pages reference no http(s) resource', () => {
    expect(pages.length).toBeGreaterThan(1);
    const references = pages.flatMap((page) =>
      [...readFileSync(join(outDir, page), 'utf8').matchAll(RESOURCE_REFERENCE)].map(
        (match) => `${page}: ${match[0].slice(0, 200)}`,
      ),
    );
    expect(references).toEqual([]);
  });

  test('the resource check catches a CDN script, a web font and a remote image', () => {
    const page =
      '<script src="https://cdn.example/redoc.js"></script><link rel="stylesheet" href="https://fonts.example/css">' +
      '<style>@font-face { src: url(https://fonts.example/a.woff2) }</style><img src="http://img.example/x.png">' +
      '<a href="https://example.org/">a link is not a resource</a>';
    expect(page.match(RESOURCE_REFERENCE)).toHaveLength(4);
  });

  test.skipIf(withoutChromium)(
    'headless Chromium renders every page with the network refused',
    async () => {
      const browser = await launchChromium(artifactsDir);
      const problems: string[] = [];
      try {
        for (const page of pages) {
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          const tab = await context.newPage();
          await context.route(/^https?:/, (route) => {
            problems.push(`${page} requested ${route.request().url()}`);
            return route.abort();
          });
          tab.on('pageerror', (error) => problems.push(`${page}: ${error.message}`));
          await tab.goto(pathToFileURL(join(outDir, page)).href, { waitUntil: 'load' });
          await tab.waitForTimeout(500);
          const text = (await tab.locator('body').textContent()) ?? '';
          if (text.trim().length < 50) problems.push(`${page} shows almost nothing: ${JSON.stringify(text)}`);
          await tab.screenshot({ path: join(artifactsDir, `${page.replaceAll('/', '--')}.png`) });
          await context.close();
        }
      } finally {
        await browser.close();
      }
      expect(problems).toEqual([]);
      expect(readdirSync(artifactsDir)).toHaveLength(pages.length);
    },
    300_000,
  );
});
