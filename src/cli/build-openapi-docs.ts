import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { renderOpenApiHtml } from './render-openapi-html.ts';

const REDOCLY_TIMEOUT_MS = 120_000;
const REDOCLY_CDN_ASSET = /https:\/\/cdn\.redoc\.ly\/[^\s"'`)]*/g;

/** The redocly CLI script, when @redocly/cli is installed (it is a development dependency). */
function redoclyScript(): string | null {
  try {
    const packageJson = createRequire(import.meta.url).resolve('@redocly/cli/package.json');
    const { bin } = JSON.parse(readFileSync(packageJson, 'utf8')) as { bin: Record<string, string> };
    return bin.redocly === undefined ? null : join(dirname(packageJson), bin.redocly);
  } catch {
    return null;
  }
}

export interface BuiltDoc {
  readonly renderer: 'redocly' | 'plain';
  /** Why redocly was not used, when it was not. */
  readonly fallbackReason?: string;
}

/**
 * Renders one OpenAPI document to a self-contained HTML file (scripts inlined, no web font)
 * with `redocly build-docs` (run offline, no telemetry), or with tekigo's own plain renderer
 * when redocly is missing or fails.
 */
export async function buildOpenApiDoc(documentPath: string, outFile: string): Promise<BuiltDoc> {
  const script = redoclyScript();
  let fallbackReason = '@redocly/cli is not installed';
  if (script !== null) {
    try {
      await promisify(execFile)(
        process.execPath,
        [
          script,
          'build-docs',
          documentPath,
          '--output',
          outFile,
          // Everything inside the page: closed networks reach no CDN and no font service.
          '--inlineBundle',
          '--openapi.disableGoogleFont=true',
        ],
        {
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
          timeout: REDOCLY_TIMEOUT_MS,
        },
      );
      // The page's script shows Redocly's logo from their CDN: point it at an empty image
      // instead, which the page hides, so the page loads nothing from the network.
      const page = await readFile(outFile, 'utf8');
      await writeFile(outFile, page.replaceAll(REDOCLY_CDN_ASSET, 'data:,'));
      return { renderer: 'redocly' };
    } catch (error) {
      const { stderr, message } = error as { stderr?: string; message: string };
      fallbackReason = `redocly build-docs failed: ${(stderr?.trim() || message).split('\n').at(-1)}`;
    }
  }
  await writeFile(outFile, renderOpenApiHtml(parse(await readFile(documentPath, 'utf8'))));
  return { renderer: 'plain', fallbackReason };
}
