import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang } from '../../i18n/lang.ts';
import type { RunReport } from '../report-model.ts';
import { renderHtmlReport } from './render-html-report.ts';
import { type CatalogView, toReportView } from './report-view.ts';

/** Writes `report.html` beside `report.json` in `reportDir`; resolves to its path. */
export async function writeHtmlReport(
  reportDir: string,
  report: RunReport,
  catalog: CatalogView,
  lang: Lang,
): Promise<string> {
  const file = join(reportDir, 'report.html');
  await writeFile(file, renderHtmlReport(toReportView(report, catalog), lang));
  return file;
}
