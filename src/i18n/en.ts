/**
 * English texts of tekigo's output for people. Every key here has its Japanese twin in ja.ts
 * (the type makes sure of it); a text that takes values is a function of them.
 */
export const en = {
  // summary.md, the Markdown summary for a CI job or a merge request.
  'md.outcome.pass': '✅ pass',
  'md.outcome.fail': '❌ fail',
  'md.outcome.error': '⚠️ error',
  'md.outcome.waived': '☑️ pass with waivers',
  'md.outcome.inconclusive': '❔ inconclusive',
  'md.certification': 'certification',
  'md.countsHeader': '| tests | pass | fail | error | inconclusive | not applicable | skipped | waived |',
  'md.requirements': (c: {
    judged: number;
    total: number;
    pass: number;
    fail: number;
    inconclusive: number;
    notApplicable: number;
    untested: number;
    skipped: number;
    error: number;
    waived: number;
  }) =>
    `**Requirements:** ${c.judged} of ${c.total} judged — ${c.pass} pass, ${c.fail} fail, ${c.inconclusive} inconclusive; ${c.notApplicable} not applicable, ${c.untested} untested${c.skipped ? `, ${c.skipped} skipped` : ''}${c.error ? `, ${c.error} in error` : ''}${c.waived ? `, ${c.waived} waived` : ''}.`,
  'md.stopped': 'Run stopped',
  'md.failed': 'Failed requirements',
  'md.failedHeader': '| requirement | level | tests | finding |',
  'md.openMusts': 'MUST requirements not shown to hold',
  'md.openHeader': '| requirement | verdict | why |',
  'md.waivers': 'Waivers',
  'md.waivers.applied': 'Applied',
  'md.waivers.expired': 'Expired (fail the run)',
  'md.waivers.stale': 'Stale (nothing fails any more: remove them)',
  'md.waiverHeader': '| test or requirement | reason | link | expires |',
  'md.cut': '… cut here: the full record is report.json.',

  // Verdicts, as the console, list and reports show them.
  'verdict.pass': 'pass',
  'verdict.fail': 'fail',
  'verdict.error': 'error',
  'verdict.inconclusive': 'inconclusive',
  'verdict.skipped': 'skipped',
  'verdict.not-applicable': 'not-applicable',
  'verdict.untested': 'untested',

  'role.municipality': 'municipality',
  'role.national-center': 'national center',
  'role.certification-authority': 'certification authority',
  'role.issuance-service': 'issuance service',
  'role.relay': 'relay',

  // tekigo run, on the console.
  'run.start': (role: string, target: string, digest: string) =>
    `tekigo: ${role} suite against ${target} (spec ${digest}…)`,
  'run.reportIn': (dir: string) => `tekigo: report in ${dir}`,
  'run.failedRequirements': (ids: string) => `tekigo: failed requirements: ${ids}`,
  'run.mustNotPassed': (id: string, verdict: string, cause: string) =>
    `tekigo: MUST ${id} is ${verdict}, not passed: ${cause}`,
  'run.noCause': 'no cause recorded',
  'run.testCount': (ran: number, leftOut: number) =>
    `${ran} test${ran === 1 ? '' : 's'}${leftOut > 0 ? ` (${leftOut} left out by --grep or --requirements; their requirements count as untested)` : ''}`,
  'run.accounting': (
    tests: string,
    c: {
      judged: number;
      total: number;
      pass: number;
      fail: number;
      inconclusive: number;
      notApplicable: number;
      untested: number;
      error: number;
      skipped: number;
    },
  ) => {
    const extra = [
      c.error > 0 ? `${c.error} in error` : '',
      c.skipped > 0 ? `${c.skipped} skipped` : '',
    ].filter(Boolean);
    return `tekigo: ${tests}; ${c.judged} of ${c.total} requirements judged (${c.pass} pass, ${c.fail} fail, ${c.inconclusive} inconclusive), ${c.notApplicable} not-applicable, ${c.untested} untested${extra.length ? `, ${extra.join(', ')}` : ''}`;
  },
  'run.htmlReport': (file: string) => `tekigo: HTML report ${file}`,

  // tekigo list.
  'list.id': 'ID',
  'list.level': 'LEVEL',
  'list.roles': 'ROLES',
  'list.statement': 'STATEMENT',
  'list.allRoles': 'all',
  'list.allBut': (others: string) => `all but ${others}`,

  // Why a value fails its format (tekigo validate).
  'explain.municipality-code':
    'a municipality code is 6 ASCII digits: the 5-digit local government code and a check digit',
  'explain.resident-code': 'a resident code is 11 ASCII digits: 10 digits and a check digit',
  'explain.individual-number': 'an individual number is 12 ASCII digits: 11 digits and a check digit',
  'explain.length': (what: string, value: string, length: number, allDigits: boolean) =>
    `${what}; ${value} has ${length} characters${allDigits ? '' : ', not all of them digits'}`,
  'explain.checkDigit': (value: string, last: string, base: string, expected: number) =>
    `wrong check digit: ${value} ends in ${last}, but the check digit of ${base} is ${expected}`,
  'explain.dateTimeNoOffset':
    'the time has no offset: add Z or +09:00 (RFC 3339), e.g. 2025-04-01T09:00:00+09:00',
  'explain.dateOnly': 'a date alone is not a date-time: add the time and its offset',
  'explain.dateTime': 'an RFC 3339 date-time with an offset is expected, e.g. 2025-04-01T09:00:00+09:00',
  'explain.date': 'an RFC 3339 full date is expected (YYYY-MM-DD, a real calendar date), e.g. 2025-04-01',
  'explain.uuid':
    'a UUID is expected (8-4-4-4-12 hexadecimal digits), e.g. 3f1c8a52-6b0d-4e47-9a2e-000000000201',
  'explain.uri': 'an absolute URI with a scheme is expected, e.g. urn:tekigo:problem:conflict',

  // The HTML report.
  'html.title': (role: string, target: string) => `tekigo conformance report: ${role} against ${target}`,
  'html.runFacts': 'Run',
  'html.role': 'Role under test',
  'html.target': 'Target',
  'html.environment': 'Environment',
  'html.specDigest': 'Spec digest',
  'html.suiteVersion': 'Suite version',
  'html.tool': 'Tool',
  'html.startedAt': 'Started',
  'html.finishedAt': 'Finished',
  'html.capabilities': 'Declared capabilities',
  'html.summary': 'Summary',
  'html.runVerdict': 'Verdict of the run',
  'html.aborted': (code: string) => `The run stopped early (${code})`,
  'html.tests': 'Tests',
  'html.testCounts': 'Tests by verdict',
  'html.requirementCounts': 'Requirements of the role',
  'html.total': 'total',
  'html.judged': 'judged',
  'html.failedRequirements': 'Failed requirements',
  'html.none': 'none',
  'html.matrix': 'Requirement matrix',
  'html.byRole': (role: string) => `By role: requirements of the ${role}`,
  'html.byFamily': 'By family',
  'html.byIncident': 'By incident',
  'html.family': 'Family',
  'html.incident': 'Incident',
  'html.requirement': 'Requirement',
  'html.level': 'Level',
  'html.verdict': 'Verdict',
  'html.statement': 'Statement',
  'html.reason': 'Reason',
  'html.appliesTo': 'Applies to',
  'html.noIncident': 'Not drawn from an incident',
  'html.filters': 'Filters',
  'html.filterVerdict': 'Verdict',
  'html.filterRequirement': 'Requirement id',
  'html.filterText': 'Text',
  'html.all': 'all',
  'html.shown': (shown: string, total: string) => `${shown} of ${total} shown`,
  'html.duration': (ms: number) => `${ms} ms`,
  'html.message': 'Message',
  'html.findings': 'Findings',
  'html.check': 'Check',
  'html.evidence': 'Evidence',
  'html.noEvidence': 'No evidence recorded.',
  'html.ledger': (name: string, count: number) =>
    `Ledger ${name} (${count} entr${count === 1 ? 'y' : 'ies'})`,
  'html.exchange': 'Exchange',
  'html.fault': 'Injected fault',
  'html.observation': 'Observation',
  'html.request': 'Request',
  'html.response': 'Response',
  'html.outcome': 'Outcome',
  'html.faults': 'Faults applied',
  'html.validation': 'Schema validation',
  'html.valid': 'valid',
  'html.invalid': 'invalid',
  'html.at': (ms: number) => `at +${ms} ms`,
  'html.truncated': (shown: number, total: number) =>
    `… shown ${shown} of ${total} characters; report.json holds the whole value`,
  'html.generated': (version: string) => `Written by tekigo ${version} from report.json beside this file.`,
} as const;

type Text<T> = T extends (...args: infer A) => string ? (...args: A) => string : string;

/** The shape every language's table has: the keys of `en`, each a string or a function of the same values. */
export type Messages = { readonly [K in keyof typeof en]: Text<(typeof en)[K]> };
