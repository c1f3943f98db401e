import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { problemBody } from '../checks/check-problem-body.ts';
import { applyCheck } from '../checks/define-check.ts';
import { checkBackoffCeiling } from '../checks/index.ts';
import {
  coverageOf,
  coverRequirements,
  finalizeReport,
  rollUpRequirements,
} from '../conformance/build-report.ts';
import type { ExchangeEntry } from '../evidence/ledger-entry.ts';
import { defaultSpecsDir, loadSpec } from '../spec/load-spec.ts';
import { rejudgeBundle } from './rejudge.ts';
import { exchange, sampleReport } from './report-fixtures.ts';
import type { RunReport, TestReport } from './report-model.ts';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tekigo-rejudge-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function bundleOf(name: string, report: RunReport): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir);
  await symlink(defaultSpecsDir(), join(dir, 'specs'));
  await writeFile(join(dir, 'report.json'), JSON.stringify(finalizeReport(report)));
  return dir;
}

async function judgedReport(): Promise<RunReport> {
  const spec = await loadSpec();
  const body = { type: 'urn:tekigo:problem:nope', status: 400, correlationId: 'other' };
  const answer: ExchangeEntry = {
    ...exchange,
    seq: 1,
    from: 'suite',
    to: 'sut',
    responseBody: body,
    status: 400,
    validation: { request: null, response: spec.validate('common/problem', body) },
  };
  const problems = applyCheck(problemBody, {
    what: 'GET /x',
    status: 400,
    headers: { 'x-correlation-id': 'c-1' },
    body,
    evidence: [{ ledger: 'suite', seq: 1 }],
  });
  // A check given a Set: rejudge must hand it a Set again.
  const ceiling = checkBackoffCeiling('suite', [answer], 'revocation-requests', {
    maxBackoffMs: 1000,
    toleranceMs: 100,
    observedAtEpochMs: 0,
    awaiting: new Set(['r']),
  });
  const findings = [...problems, ...(Array.isArray(ceiling) ? ceiling : [ceiling])];
  const test: TestReport = {
    id: 'CA-V07',
    title: 'problems',
    file: 'suites/x.test.ts',
    requirements: [...new Set(findings.map((f) => f.requirement))],
    verdict: 'fail',
    failedRequirements: ['GEN-ERR-002', 'GEN-OBS-003'],
    durationMs: 5,
    message: 'GEN-ERR-002: bad problem',
    findings,
    evidence: { ledgers: { suite: [answer] } },
  };
  const catalog = spec.catalog.requirements.filter((r) =>
    (r.roles as readonly string[]).includes('certification-authority'),
  );
  const requirements = coverRequirements(
    rollUpRequirements([test], (id) => spec.catalog.byId(id)?.level ?? 'UNKNOWN'),
    catalog,
  );
  return sampleReport({
    specDigest: spec.digest,
    tests: [test],
    requirements,
    coverage: coverageOf(requirements),
    failedRequirements: requirements.filter((r) => r.verdict === 'fail').map((r) => r.id),
  });
}

describe('rejudge', () => {
  test('reproduces every verdict: checks run again by name, messages validated again', async () => {
    const result = await rejudgeBundle(await bundleOf('same', await judgedReport()));
    expect(result.differences).toEqual([]);
    expect(result.rerun).toBeGreaterThanOrEqual(3);
    expect(result.messages).toBe(1);
  });

  test('lists a finding, a test verdict and a recorded validation that do not reproduce', async () => {
    const report = await judgedReport();
    const [test] = report.tests as [TestReport];
    const entry = test.evidence.ledgers.suite?.[0] as ExchangeEntry;
    const tampered: RunReport = {
      ...report,
      tests: [
        {
          ...test,
          verdict: 'pass',
          findings: test.findings.map((f) => ({ ...f, verdict: 'pass' as const })),
          evidence: {
            ledgers: {
              suite: [
                {
                  ...entry,
                  validation: {
                    request: null,
                    response: { messageType: 'common/problem', valid: true, errors: [] },
                  },
                },
              ],
            },
          },
        },
      ],
    };
    const what = (await rejudgeBundle(await bundleOf('tampered', tampered))).differences.map((d) => d.what);
    expect(what).toEqual(
      expect.arrayContaining(['CA-V07 suite#1 response', 'CA-V07 check problem-body', 'test CA-V07']),
    );
  });
});
