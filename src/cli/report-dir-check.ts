import { randomUUID } from 'node:crypto';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { TekigoUsageError } from '../errors.ts';

const WHY: Readonly<Record<string, string>> = {
  EEXIST: 'it is a file, not a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  ENOENT: 'a part of the path cannot be created',
};

/**
 * Makes sure the run can write its report before any test runs: creates the folder and writes
 * and removes a probe file. Exit 2 with one line otherwise, instead of losing the results at the end.
 */
export async function assertReportDirUsable(reportDir: string): Promise<void> {
  const probe = join(reportDir, `.tekigo-write-check-${randomUUID()}`);
  try {
    await makeFolders(reportDir);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'ERROR';
    throw new TekigoUsageError(
      'REPORT_DIR_UNUSABLE',
      `cannot write the report to --report-dir ${reportDir}: ${WHY[code] ?? (error as Error).message} (${code}); choose a folder tekigo can create and write`,
      { reportDir, code },
    );
  }
}

/**
 * `mkdir -p` one level at a time. Node's own recursive mkdir never returns on some virtual file
 * systems (under /proc it loops on ENOENT), so the folders missing below the deepest existing
 * one are created one by one and the first error is thrown as it is.
 */
async function makeFolders(folder: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(folder);
  for (;;) {
    try {
      const found = await stat(current);
      if (missing.length === 0 && !found.isDirectory()) {
        throw Object.assign(new Error(`${current} is a file`), { code: 'EEXIST' });
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.unshift(current);
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
    }
  }
  for (const path of missing) {
    try {
      await mkdir(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
