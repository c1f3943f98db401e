import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
    await mkdir(reportDir, { recursive: true });
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
