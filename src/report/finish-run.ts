import { exitCodeOf, writeRunReport } from '../conformance/build-report.ts';
import type { RunResult } from '../conformance/run-conformance.ts';
import type { Lang } from '../i18n/lang.ts';
import { defaultSpecsDir } from '../spec/load-spec.ts';
import { writeBundle } from './bundle.ts';
import type { RunReport } from './report-model.ts';
import { applyWaivers, japanDate, openMusts, type WaiverFile } from './waivers.ts';

export interface FinishOptions {
  readonly waivers?: WaiverFile;
  readonly certification?: boolean;
  readonly bundle?: boolean;
  readonly signingKeyFile?: string;
  readonly specsDir?: string;
  /** The language of summary.md when the report files are written again. */
  readonly lang?: Lang;
  readonly progress: (line: string) => void;
}

/**
 * What `tekigo run` does after the suite: applies waivers or the certification rules to the
 * report (rewriting its files), writes the signed bundle, and decides the exit code: 1 when a
 * MUST fails, a waiver has expired, or (certification) a MUST is inconclusive, untested or
 * skipped; 2 when a test broke; a signal's code when the run was stopped.
 */
export async function finishRun(result: RunResult, options: FinishOptions): Promise<number> {
  const { progress } = options;
  let report: RunReport = result.report;
  let exitCode: number = result.exitCode;
  const interrupted = exitCode === 130 || exitCode === 143;
  if (options.waivers || options.certification) {
    if (options.waivers)
      report = applyWaivers(report, options.waivers, japanDate(new Date(report.finishedAt)));
    if (options.certification) report = { ...report, certification: true };
    await writeRunReport(result.reportDir, report, options.lang);
    if (!interrupted) exitCode = exitCodeOf(report);
    const w = report.waivers;
    for (const x of w?.applied ?? [])
      progress(`tekigo: waived ${x.test ?? x.requirement} until ${x.expires}: ${x.reason} (${x.link})`);
    for (const x of w?.stale ?? [])
      progress(
        `tekigo: stale waiver ${x.test ?? x.requirement}: nothing it covers fails any more; remove it from ${w?.file}`,
      );
    for (const x of w?.expired ?? [])
      progress(
        `tekigo: expired waiver ${x.test ?? x.requirement} (expired ${x.expires}): the run fails until it is renewed or the deviation fixed`,
      );
    if ((w?.expired.length ?? 0) > 0 && exitCode === 0) exitCode = 1;
    if (options.certification) {
      const open = openMusts(report);
      for (const r of open)
        progress(`tekigo: certification: MUST ${r.id} is ${r.verdict}, counted as failed`);
      if (open.length > 0 && exitCode === 0) exitCode = 1;
    }
  }
  if (options.bundle || options.signingKeyFile !== undefined) {
    const bundle = await writeBundle({
      reportDir: result.reportDir,
      specsDir: options.specsDir ?? defaultSpecsDir(),
      ...(options.signingKeyFile !== undefined ? { signingKeyFile: options.signingKeyFile } : {}),
    });
    progress(
      `tekigo: signed bundle in ${bundle.bundleDir} (${bundle.files} files), Ed25519 key ${bundle.fingerprint}${bundle.generatedKey ? ' (generated for this run; its private part is discarded)' : ''}; public key in ${bundle.publicKeyFile}`,
    );
    if (bundle.generatedKey) for (const line of bundle.publicKeyPem.trimEnd().split('\n')) progress(line);
  }
  return exitCode;
}
