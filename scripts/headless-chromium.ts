import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's `chromium` (apt-get install chromium), or the one CHROMIUM_PATH names. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Off a CI machine, a test that needs Chromium is skipped when there is none; under CI it fails. */
export const withoutChromium = !existsSync(chromiumPath) && process.env.CI === undefined;

/** Empties the screenshot folder and starts headless Chromium; the caller closes it. */
export async function launchChromium(artifactsDir: string): Promise<Browser> {
  expect(existsSync(chromiumPath), `no Chromium at ${chromiumPath} (apt-get install chromium)`).toBe(true);
  rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
}
