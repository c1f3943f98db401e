import { describe, expect, test } from 'vitest';
import { toJunitXml } from './junit.ts';
import { sampleReport } from './report-fixtures.ts';
import { junitSchemaErrors } from './schema-check-fixtures.ts';

describe('toJunitXml', () => {
  const xml = toJunitXml(sampleReport());

  test('validates against junit-10.xsd', async () => {
    expect(await junitSchemaErrors(xml)).toEqual([]);
  });

  test('the XSD check is real: an attribute it does not know is refused', async () => {
    expect((await junitSchemaErrors(xml.replace('<testsuites ', '<testsuites skipped="1" '))).join()).toMatch(
      /skipped/,
    );
  });

  test('escapes markup and drops control characters', () => {
    expect(xml).toContain('CA-S01 CA-S01 title &lt;with&gt; &quot;markup&quot; &amp; control');
    expect(xml).not.toContain('\u0001');
  });

  test('failures carry a type, the message once, and the finding with its evidence in the body', () => {
    expect(xml).toContain(
      '<failure type="tekigo.fail" message="GEN-SEND-006: rejected record re-sent">FAIL GEN-SEND-006 [no-resend-after-rejection]: rejected record re-sent\n  national-center#3 sut → national-center POST /revocation-requests → 200 in 12 ms faults reject-first</failure>',
    );
    expect(xml).not.toContain('GEN-SEND-006: GEN-SEND-006');
    expect(xml).toContain('<error type="tekigo.error" message="the mock broke">');
    expect(xml).toContain('time="1.234"');
  });

  test('requirement ids and checks are properties; an inconclusive MUST is a failure, not a skip', () => {
    expect(xml).toContain('<property name="requirement" value="GEN-SEND-006"/>');
    expect(xml).toContain('<property name="check" value="no-resend-after-rejection"/>');
    expect(xml).toContain('<failure type="tekigo.inconclusive" message="no 500 came">');
    expect(xml).toContain('<skipped type="tekigo.not-applicable" message="no hooks declared">');
    // The SHOULD requirement left inconclusive is a skip in the requirement suite.
    expect(xml).toMatch(/GEN-SEND-008 \(SHOULD\)" time="0.000">\s*<skipped type="tekigo.inconclusive"/);
  });

  test('with --certification an untested MUST is a failure', async () => {
    const certified = toJunitXml(sampleReport({ certification: true }));
    expect(certified).toMatch(/GEN-SEND-007 \(MUST\)" time="0.000">\s*<failure type="tekigo.untested"/);
    expect(await junitSchemaErrors(certified)).toEqual([]);
  });
});
