import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { finalizeReport } from '../conformance/build-report.ts';
import { sampleReport } from './report-fixtures.ts';
import { reportSchemaProblems } from './report-schema.ts';
import { applyWaivers, japanDate, loadWaivers, openMusts } from './waivers.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tekigo-waivers-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const waiver = (over: object) => ({
  reason: 'vendor fix due',
  link: 'https://example.org/7',
  expires: '2026-06-30',
  ...over,
});

describe('waivers', () => {
  test('a covered failure is waived, an expired waiver applies to nothing, a waiver over a pass is stale', () => {
    const file = {
      file: 'w.yaml',
      waivers: [
        waiver({ test: 'CA-S01' }),
        waiver({ test: 'CA-S02' }),
        waiver({ requirement: 'GEN-SEND-009', expires: '2026-01-01' }),
      ],
    };
    const report = applyWaivers(sampleReport(), file, '2026-03-01');
    expect(report.tests.find((t) => t.id === 'CA-S01')).toMatchObject({
      verdict: 'waived',
      waiver: { test: 'CA-S01' },
    });
    // CA-S01 was the only test failing GEN-SEND-006, so the requirement is waived too.
    expect(report.requirements.find((r) => r.id === 'GEN-SEND-006')?.verdict).toBe('waived');
    expect(report.failedRequirements).toEqual([]);
    expect(report.waivers?.applied.map((w) => w.test)).toEqual(['CA-S01']);
    expect(report.waivers?.stale.map((w) => w.test)).toEqual(['CA-S02']);
    expect(report.waivers?.expired.map((w) => w.requirement)).toEqual(['GEN-SEND-009']);
    expect(report.summary).toMatchObject({ failed: 0, waived: 1 });
    expect(reportSchemaProblems(finalizeReport(report))).toEqual([]);
  });

  test('a requirement waiver waives the requirement and every test failing only it; past its date it waives nothing', () => {
    const live = applyWaivers(
      sampleReport(),
      { file: 'w', waivers: [waiver({ requirement: 'GEN-SEND-006' })] },
      '2026-06-30',
    );
    expect(live.tests[0]?.verdict).toBe('waived');
    const expired = applyWaivers(
      sampleReport(),
      { file: 'w', waivers: [waiver({ requirement: 'GEN-SEND-006' })] },
      '2026-07-01',
    );
    expect(expired.tests[0]?.verdict).toBe('fail');
    expect(expired.waivers?.expired).toHaveLength(1);
  });

  test('expiry is judged in Japan time', () => {
    expect(japanDate(new Date('2026-06-30T14:59:59Z'))).toBe('2026-06-30');
    expect(japanDate(new Date('2026-06-30T15:00:00Z'))).toBe('2026-07-01');
  });

  test('certification counts inconclusive, untested and skipped MUSTs', () => {
    expect(openMusts(sampleReport()).map((r) => r.id)).toEqual(['GEN-SEND-007']);
  });

  test('a waivers file is checked against its schema: one line names what is wrong', async () => {
    const good = join(dir, 'good.yaml');
    await writeFile(
      good,
      'waivers:\n  - test: CA-S01\n    reason: known\n    link: https://example.org/1\n    expires: 2026-12-31\n',
    );
    expect((await loadWaivers(good)).waivers[0]).toMatchObject({ test: 'CA-S01', expires: '2026-12-31' });
    const noLink = join(dir, 'bad.json');
    await writeFile(
      noLink,
      JSON.stringify({ waivers: [{ test: 'CA-S01', reason: 'r', expires: '2026-12-31' }] }),
    );
    await expect(loadWaivers(noLink)).rejects.toThrow(
      /--waivers .*bad.json: \/waivers\/0 must have required property 'link'/,
    );
    await expect(loadWaivers(join(dir, 'missing.yaml'))).rejects.toThrow(/cannot be read \(ENOENT\)/);
  });
});
