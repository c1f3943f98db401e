import { describe, expect, test } from 'vitest';
import { toMarkdownSummary } from './markdown-summary.ts';
import { sampleReport } from './report-fixtures.ts';

describe('toMarkdownSummary', () => {
  const md = toMarkdownSummary(
    sampleReport({
      waivers: {
        file: 'waivers.yaml',
        applied: [],
        stale: [
          {
            test: 'CA-S02',
            reason: 'was broken | once',
            link: 'https://example.org/2',
            expires: '2099-01-01',
          },
        ],
        expired: [],
      },
    }),
  );

  test('heads with the outcome and counts, lists failed requirements with their finding', () => {
    expect(md.split('\n')[0]).toBe('## tekigo: certification-authority @ replica:resend-rejected — ⚠️ error');
    expect(md).toContain('| GEN-SEND-006 | MUST | CA-S01, CA-S02, CA-S04 | rejected record re-sent |');
    expect(md).toContain('| 6 | 1 | 1 | 1 | 1 | 1 | 1 | 0 |');
  });

  test('shows stale waivers with table cells escaped, and the failing test’s evidence collapsed', () => {
    expect(md).toContain('| CA-S02 | was broken \\| once | https://example.org/2 | 2099-01-01 |');
    expect(md).toContain('<details><summary>❌ CA-S01 CA-S01 title &lt;with&gt;');
    expect(md).toContain('national-center#3 sut → national-center POST /revocation-requests → 200 in 12 ms');
  });

  test('writes its headings and words in Japanese with lang ja, the figures and evidence unchanged', () => {
    const ja = toMarkdownSummary(sampleReport(), 'ja');
    expect(ja.split('\n')[0]).toBe('## tekigo: certification-authority @ replica:resend-rejected — ⚠️ エラー');
    expect(ja).toContain('| テスト | 合格 | 不合格 | エラー | 判定不能 | 対象外 | スキップ | 免除 |');
    expect(ja).toContain('### 不合格の要件');
    expect(ja).toContain('| GEN-SEND-006 | MUST | CA-S01, CA-S02, CA-S04 | rejected record re-sent |');
    expect(ja).not.toContain('Failed requirements');
  });
});
