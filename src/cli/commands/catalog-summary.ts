import { loadSpec } from '../../spec/load-spec.ts';
import { ROLES } from '../../spec/roles.ts';
import { defineCommand } from '../command-definition.ts';
import { formatTable } from '../format-table.ts';

const count = <T>(items: readonly T[], predicate: (item: T) => boolean): string =>
  String(items.filter(predicate).length);

export const catalogSummary = defineCommand({
  name: 'catalog',
  summary: 'Summarise the requirement catalog: requirements by level, role and incident',
  args: [],
  options: {},
  async run({ io, specsDir }) {
    const { catalog, digest } = await loadSpec({ specsDir });
    const { requirements, incidents } = catalog;
    io.stdout(`tekigo catalog ${catalog.version} (spec ${digest}): ${requirements.length} requirements`);
    io.stdout('');
    const levels = ['MUST', 'SHOULD', 'MAY'] as const;
    const byRole = [
      ...ROLES.map((role) => [
        role,
        ...levels.map((level) => count(requirements, (r) => r.roles.includes(role) && r.level === level)),
      ]),
      ['(all requirements)', ...levels.map((level) => count(requirements, (r) => r.level === level))],
    ];
    for (const line of formatTable(['ROLE', ...levels], byRole)) io.stdout(line);
    io.stdout('');
    const byIncident = incidents.map((incident) => [
      incident.id,
      count(requirements, (r) => r.incidents.includes(incident.id)),
      incident.title,
    ]);
    for (const line of formatTable(['INCIDENT', 'CITED BY', 'TITLE'], byIncident)) io.stdout(line);
    return 0;
  },
});
