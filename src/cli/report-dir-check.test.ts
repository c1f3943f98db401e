import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertReportDirUsable } from './report-dir-check.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tekigo-report-dir-'));
afterAll(() => {
  chmodSync(join(scratch, 'read-only'), 0o755);
  rmSync(scratch, { recursive: true, force: true });
});
const isRoot = process.getuid?.() === 0;

const failure = (dir: string) =>
  assertReportDirUsable(dir).then(
    () => null,
    (error: Error & { code: string }) => error,
  );

describe('assertReportDirUsable', () => {
  it('creates a missing folder and accepts it', async () => {
    await expect(assertReportDirUsable(join(scratch, 'a', 'b'))).resolves.toBeUndefined();
  });

  it('refuses a file, with one line naming the folder and the cause', async () => {
    const file = join(scratch, 'file');
    writeFileSync(file, '');
    const error = await failure(file);
    expect(error?.code).toBe('REPORT_DIR_UNUSABLE');
    expect(error?.message).toMatch(/--report-dir .*file: it is a file, not a folder \(EEXIST\)/);
    expect(error?.message).not.toContain('\n');
  });

  it('refuses a folder under a file', async () => {
    const file = join(scratch, 'file2');
    writeFileSync(file, '');
    expect((await failure(join(file, 'reports')))?.message).toContain('(ENOTDIR)');
  });

  it('refuses a folder where nothing can be written', async () => {
    const dir = join(scratch, 'read-only');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    // Permission bits do not bind root; sysfs refuses new folders even to root.
    const target = isRoot ? '/sys/tekigo-reports' : join(dir, 'reports');
    const error = await failure(target);
    expect(error?.code).toBe('REPORT_DIR_UNUSABLE');
    expect(error?.message).toMatch(/\((EACCES|ENOENT|EROFS|EPERM)\)/);
  });
});

describe('assertReportDirUsable on a virtual file system', () => {
  it('refuses a folder under /proc at once instead of looping', async () => {
    const error = await failure('/proc/tekigo-reports/run');
    expect(error?.code).toBe('REPORT_DIR_UNUSABLE');
    expect(error?.message).toMatch(/\((ENOENT|EACCES|EPERM|EROFS)\)/);
  });
});
