import type { ExchangeEntry } from '../evidence/ledger-entry.ts';
import type { Finding, RunReport, TestReport } from './report-model.ts';

/** A small run report with one test of each verdict, for the writers' unit tests. */
export const exchange: ExchangeEntry = {
  kind: 'exchange',
  seq: 3,
  at: '2026-01-01T00:00:00.100Z',
  startMs: 100,
  endMs: 112,
  durationMs: 12,
  from: 'sut',
  to: 'national-center',
  interface: 'revocation-requests',
  method: 'POST',
  path: '/revocation-requests',
  correlationId: 'c-3',
  requestHeaders: {},
  requestBody: { batchId: 'b' },
  outcome: 'answered',
  status: 200,
  responseHeaders: {},
  responseBody: {},
  error: null,
  faults: ['reject-first'],
  validation: {
    request: { messageType: 'revocation-requests/batch-request', valid: true, errors: [] },
    response: null,
  },
};

const base = (id: string, verdict: TestReport['verdict'], message: string): TestReport => ({
  id,
  title: `${id} title <with> "markup" & control\u0001`,
  file: 'suites/x.test.ts',
  requirements: ['GEN-SEND-006'],
  verdict,
  failedRequirements: verdict === 'fail' ? ['GEN-SEND-006'] : [],
  durationMs: 1234,
  message,
  findings: [],
  evidence: { ledgers: { 'national-center': [exchange] } },
});

const finding: Finding = {
  requirement: 'GEN-SEND-006',
  check: 'no-resend-after-rejection',
  verdict: 'fail',
  message: 'rejected record re-sent',
  evidence: [{ ledger: 'national-center', seq: 3 }],
};

export const failing: TestReport = {
  ...base('CA-S01', 'fail', 'GEN-SEND-006: rejected record re-sent'),
  findings: [finding],
};

export const tests: TestReport[] = [
  failing,
  { ...base('CA-S02', 'pass', ''), findings: [{ ...finding, verdict: 'pass', message: 'ok' }] },
  { ...base('CA-S03', 'error', 'the mock broke') },
  {
    ...base('CA-S04', 'inconclusive', 'no 500 came'),
    findings: [{ ...finding, verdict: 'inconclusive', message: 'no 500 came' }],
  },
  { ...base('CA-S05', 'not-applicable', 'no hooks declared') },
  { ...base('CA-S06', 'skipped', 'left out by --grep'), requirements: [] },
];

export const sampleReport = (over: Partial<RunReport> = {}): RunReport => ({
  reportFormat: 'tekigo-report/1',
  suiteVersion: '0.1.0',
  specDigest: `sha256:${'0'.repeat(64)}`,
  role: 'certification-authority',
  target: 'replica:resend-rejected',
  environment: 'embedded',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  tool: { name: 'tekigo', version: '0.1.0', node: 'v24' },
  capabilities: null,
  summary: { passed: 1, failed: 1, errors: 1, skipped: 1, inconclusive: 1, notApplicable: 1 },
  verdict: 'error',
  failedRequirements: ['GEN-SEND-006'],
  requirements: [
    { id: 'GEN-SEND-006', level: 'MUST', verdict: 'fail', tests: ['CA-S01', 'CA-S02', 'CA-S04'] },
    {
      id: 'GEN-SEND-007',
      level: 'MUST',
      verdict: 'untested',
      tests: [],
      reason: 'no test of this suite checks it yet',
    },
    {
      id: 'GEN-SEND-008',
      level: 'SHOULD',
      verdict: 'inconclusive',
      tests: ['CA-S04'],
      reason: 'no 500 came',
    },
  ],
  tests,
  ...over,
});
