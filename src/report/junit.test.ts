import { describe, expect, test } from 'vitest';
import { toJunitXml } from './junit.ts';
import type { RunReport, TestReport } from './report-model.ts';

const test1: TestReport = {
  id: 'CA-S01',
  title: 'one <bad> record & "quotes"\u0001',
  file: 'suites/x.test.ts',
  requirements: ['GEN-SEND-006'],
  verdict: 'fail',
  failedRequirements: ['GEN-SEND-006'],
  durationMs: 1234,
  message: 'rejected record re-sent',
  findings: [],
  evidence: { ledgers: {} },
};

const report = (tests: TestReport[]): RunReport => ({
  reportFormat: 'tekigo-report/1',
  suiteVersion: '0.1.0',
  specDigest: 'sha256:00',
  role: 'certification-authority',
  target: 'reference',
  environment: 'embedded',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  tool: { name: 'tekigo', version: '0.1.0', node: 'v24' },
  capabilities: null,
  summary: { passed: 0, failed: tests.length, errors: 0, skipped: 0, inconclusive: 0, notApplicable: 0 },
  verdict: 'fail',
  failedRequirements: ['GEN-SEND-006'],
  requirements: [],
  tests,
});

describe('toJunitXml', () => {
  test('escapes markup, drops control characters, reports failures with their requirements', () => {
    const xml = toJunitXml(report([test1]));
    expect(xml).toContain('one &lt;bad&gt; record &amp; &quot;quotes&quot; [GEN-SEND-006]');
    expect(xml).not.toContain('\u0001');
    expect(xml).toContain('<failure message="GEN-SEND-006: rejected record re-sent"/>');
    expect(xml).toContain('time="1.234"');
    expect(xml).toContain('<property name="specDigest" value="sha256:00"/>');
  });
});
