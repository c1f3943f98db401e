import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ExchangeEntry, FaultEntry } from '../../evidence/ledger-entry.ts';
import type { RunReport, TestReport } from '../report-model.ts';
import { REPORT_CSS, REPORT_SCRIPT } from './html-assets.ts';
import { renderHtmlReport } from './render-html-report.ts';
import { type CatalogView, toReportView } from './report-view.ts';

const HOSTILE = `</pre><script>alert("x")</script><img src=x onerror=alert(1)>'"&`;

const exchange: ExchangeEntry = {
  kind: 'exchange',
  seq: 1,
  at: '2026-01-01T00:00:00.000Z',
  startMs: 10,
  endMs: 30,
  durationMs: 20,
  from: 'sut',
  to: 'certification-authority',
  interface: 'revocation-requests',
  method: 'POST',
  path: `/revocation-requests?${HOSTILE}`,
  correlationId: HOSTILE,
  requestHeaders: { 'x-evil': HOSTILE },
  requestBody: { name: HOSTILE, long: 'y'.repeat(30_000) },
  outcome: 'answered',
  status: 200,
  responseHeaders: {},
  responseBody: HOSTILE,
  error: null,
  faults: ['reject-37th'],
  validation: {
    request: { messageType: 'revocation-requests/batch-request', valid: true, errors: [] },
    response: null,
  },
};
const fault: FaultEntry = {
  kind: 'fault',
  seq: 2,
  at: '2026-01-01T00:00:00.020Z',
  startMs: 30,
  ruleId: 'reject-37th',
  interface: 'revocation-requests',
  action: 'reject-records',
  exchangeSeq: 1,
  detail: { recordIndices: [36] },
};

const failingTest: TestReport = {
  id: 'NC-S01',
  title: `one rejected record ${HOSTILE}`,
  file: 'suites/national-center/profiles.test.ts',
  requirements: ['GEN-SEND-006'],
  verdict: 'fail',
  failedRequirements: ['GEN-SEND-006'],
  durationMs: 795,
  message: HOSTILE,
  findings: [
    {
      requirement: 'GEN-SEND-006',
      check: 'no-resend-after-rejection',
      verdict: 'fail',
      message: HOSTILE,
      evidence: [{ ledger: 'certification-authority', seq: 1, through: 2 }],
    },
  ],
  evidence: { ledgers: { 'certification-authority': [exchange, fault], suite: [] } },
};

const report: RunReport = {
  reportFormat: 'tekigo-report/1',
  suiteVersion: '0.1.0',
  specDigest: 'sha256:abc',
  role: 'national-center',
  target: `replica:${HOSTILE}`,
  environment: 'embedded',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  tool: { name: 'tekigo', version: '0.1.0', node: 'v24.0.0' },
  capabilities: { implementation: { name: HOSTILE } },
  summary: { passed: 0, failed: 1, errors: 0, skipped: 0, inconclusive: 0, notApplicable: 0 },
  verdict: 'fail',
  failedRequirements: ['GEN-SEND-006'],
  requirements: [
    { id: 'GEN-SEND-006', level: 'MUST', verdict: 'fail', tests: ['NC-S01'] },
    {
      id: 'NC-SEQ-001',
      level: 'MUST',
      verdict: 'untested',
      tests: [],
      reason: 'no test of this suite checks it yet',
    },
  ],
  tests: [failingTest],
};

const catalog: CatalogView = {
  requirements: [
    {
      id: 'GEN-SEND-006',
      statement: 'A sender MUST NOT re-send a record answered rejected.',
      'statement-ja': '送信側は、rejected と応答されたレコードを再送してはならない。',
      roles: ['municipality', 'national-center'],
      incidents: ['INC-2004-JPKI'],
    },
    {
      id: 'NC-SEQ-001',
      statement: 'The national center MUST reject a stale change.',
      roles: ['national-center'],
      incidents: [],
    },
  ],
  incidents: [
    {
      id: 'INC-2004-JPKI',
      year: 2004,
      title: 'Issuance data stuck',
      'title-ja': '電子証明書の発行情報が送信されなかった事案',
    },
    { id: 'INC-2023-KIOSK', year: 2023, title: 'Not cited here' },
  ],
};

const expectAll = (html: string, texts: readonly string[]) => {
  for (const text of texts) expect(html).toContain(text);
};

const render = (lang: 'en' | 'ja') => renderHtmlReport(toReportView(report, catalog), lang);

describe('renderHtmlReport', () => {
  it('escapes every recorded value: the only script is its own, no injected tag or attribute survives', () => {
    for (const html of [render('en'), render('ja')]) {
      expect(html.match(/<script\b/g)).toHaveLength(1);
      expect(html).not.toContain('<img');
      expect(html).not.toContain('alert("x")</script>');
      expect(html).toContain(
        '&lt;/pre&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&quot;&amp;',
      );
    }
  });

  it('pins its inline style and script by hash and allows nothing else', () => {
    const html = render('en');
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(html).toContain(
      `default-src 'none'; style-src ${hash(REPORT_CSS)}; script-src ${hash(REPORT_SCRIPT)}`,
    );
    expect(html).toContain(`<style>${REPORT_CSS}</style>`);
    expect(html).toContain(`<script>${REPORT_SCRIPT}</script>`);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(/);
  });

  it('writes the summary, the matrix and the tests in the language asked for', () => {
    const ja = render('ja');
    expect(ja).toContain('<html lang="ja">');
    expectAll(ja, [
      '概要',
      '要件マトリクス',
      '事案別',
      '不合格',
      '未試験',
      '全国センター',
      '送信側は、rejected と応答されたレコードを再送してはならない。',
      '電子証明書の発行情報が送信されなかった事案',
      '注入した障害',
    ]);
    const en = render('en');
    expect(en).toContain('<html lang="en">');
    expectAll(en, [
      'Summary',
      'Requirement matrix',
      'By incident',
      'A sender MUST NOT re-send',
      'Issuance data stuck',
      'Injected fault',
    ]);
    // A statement with no Japanese text falls back to the English one; an incident no row cites is left out.
    expect(ja).toContain('The national center MUST reject a stale change.');
    expect(en).not.toContain('Not cited here');
  });

  it('links each finding to the evidence entries it rests on, and cuts long values with a note', () => {
    const html = render('en');
    expect(html).toContain('<a href="#e0-0-1">certification-authority #1–2</a>');
    expect(html).toContain('id="e0-0-1"');
    expect(html).toContain('id="e0-0-2"');
    expect(html).toMatch(/shown 20000 of \d+ characters; report.json holds the whole value/);
  });

  it('marks rows for the filters, and never turns an unknown verdict into a class name', () => {
    const strange = { ...report, tests: [{ ...failingTest, verdict: 'x" onclick="y' as 'fail' }] };
    const html = renderHtmlReport(toReportView(strange, catalog), 'en');
    expect(html).toContain(
      'data-filter="test" data-verdict="x&quot; onclick=&quot;y" data-requirements="GEN-SEND-006"',
    );
    expect(html).toContain('class="v v-other"');
    expect(html).toContain(
      'data-filter="requirement" data-verdict="untested" data-requirements="NC-SEQ-001"',
    );
  });
});
