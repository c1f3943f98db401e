import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { TekigoUsageError } from '../errors.ts';
import type { RequirementVerdict, RunReport, TestReport, Waiver, WaiverOutcome } from './report-model.ts';
import { worstVerdict } from './report-model.ts';

const SCHEMA_URL = new URL('../../specs/report/waivers.schema.json', import.meta.url);

export interface WaiverFile {
  readonly file: string;
  readonly waivers: readonly Waiver[];
}

/** Reads and checks a --waivers file (YAML or JSON) against specs/report/waivers.schema.json. */
export async function loadWaivers(file: string): Promise<WaiverFile> {
  const bad = (why: string) =>
    new TekigoUsageError('BAD_WAIVERS', `--waivers ${file}: ${why}; see specs/report/waivers.schema.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw bad(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw bad(`is not YAML or JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(await readFile(fileURLToPath(SCHEMA_URL), 'utf8')));
  if (!validate(data)) {
    const first = validate.errors?.[0];
    throw bad(`${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}`);
  }
  return { file, waivers: (data as { waivers: Waiver[] }).waivers };
}

/** Today in Japan time (UTC+09:00), `YYYY-MM-DD`: the day a waiver's `expires` is compared with. */
export const japanDate = (at: Date): string =>
  new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

/**
 * Applies waivers to a report: a failed test or requirement a live waiver covers becomes `waived`
 * (a requirement also when every test that failed it is waived, a test also when every
 * requirement it failed is waived); a waiver past its date is `expired` and applies to nothing;
 * a live one that covers nothing failing is `stale`.
 */
export function applyWaivers(report: RunReport, file: WaiverFile, today: string): RunReport {
  const expired = file.waivers.filter((w) => w.expires < today);
  const live = file.waivers.filter((w) => w.expires >= today);
  const used = new Set<Waiver>();
  const byTest = new Map(live.filter((w) => w.test).map((w) => [w.test as string, w]));
  const byRequirement = new Map(live.filter((w) => w.requirement).map((w) => [w.requirement as string, w]));

  const waiverOfTest = (t: TestReport): Waiver | undefined => {
    if (t.verdict !== 'fail') return undefined;
    const own = byTest.get(t.id);
    if (own) return own;
    const covering = t.failedRequirements.map((id) => byRequirement.get(id));
    return covering.length > 0 && covering.every((w) => w !== undefined) ? covering[0] : undefined;
  };
  const tests = report.tests.map((t): TestReport => {
    const waiver = waiverOfTest(t);
    if (!waiver) return t;
    used.add(waiver);
    return { ...t, verdict: 'waived', waiver };
  });
  const requirements = report.requirements.map((r): RequirementVerdict => {
    if (r.verdict !== 'fail') return r;
    const failing = tests.filter((t) => r.tests.includes(t.id) && t.failedRequirements.includes(r.id));
    const waiver =
      byRequirement.get(r.id) ??
      (failing.length > 0 && failing.every((t) => t.verdict === 'waived') ? failing[0]?.waiver : undefined);
    if (!waiver) return r;
    used.add(waiver);
    return { ...r, verdict: 'waived', waiver };
  });
  const outcome: WaiverOutcome = {
    file: file.file,
    applied: live.filter((w) => used.has(w)),
    stale: live.filter((w) => !used.has(w)),
    expired,
  };
  return {
    ...report,
    tests,
    requirements,
    verdict: worstVerdict(tests.map((t) => t.verdict)),
    failedRequirements: requirements.filter((r) => r.verdict === 'fail').map((r) => r.id),
    summary: {
      ...report.summary,
      failed: tests.filter((t) => t.verdict === 'fail').length,
      waived: tests.filter((t) => t.verdict === 'waived').length,
    },
    ...(report.coverage
      ? {
          coverage: {
            ...report.coverage,
            fail: requirements.filter((r) => r.verdict === 'fail').length,
            waived: requirements.filter((r) => r.verdict === 'waived').length,
          },
        }
      : {}),
    waivers: outcome,
  };
}

/** MUST requirements a certification run counts as failed although no check failed them. */
export const CERTIFICATION_OPEN = ['inconclusive', 'untested', 'skipped'] as const;

export function openMusts(report: Pick<RunReport, 'requirements'>): RequirementVerdict[] {
  return report.requirements.filter(
    (r) => r.level === 'MUST' && (CERTIFICATION_OPEN as readonly string[]).includes(r.verdict),
  );
}
