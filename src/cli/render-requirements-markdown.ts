import type { Catalog, Requirement } from '../spec/catalog.ts';
import { ROLES } from '../spec/roles.ts';

const cell = (text: string): string => text.replaceAll('\n', ' ').replaceAll('|', '\\|');
const row = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
const table = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  row(header),
  row(header.map(() => '---')),
  ...rows.map(row),
];

const prefixOf = (requirement: Requirement): string => requirement.id.split('-')[0] ?? requirement.id;

/** specs/requirements.yaml as Markdown: one table per id prefix, then the incidents and who cites them. */
export function renderRequirementsMarkdown(catalog: Catalog, specDigest: string): string {
  const lines = [
    '# Requirement catalog',
    '',
    `Catalog version ${catalog.version}, spec \`${specDigest}\`: ${catalog.requirements.length} requirements. ` +
      'Rendered from `specs/requirements.yaml`, which is the normative source.',
  ];
  const prefixes = [...new Set(catalog.requirements.map(prefixOf))];
  for (const prefix of prefixes) {
    const requirements = catalog.requirements.filter((r) => prefixOf(r) === prefix);
    const roles = new Set(requirements.flatMap((r) => r.roles));
    const who = roles.size === ROLES.length ? 'every role' : [...roles].join(', ');
    lines.push('', `## ${prefix}: ${who}`, '');
    lines.push(
      ...table(
        ['id', 'level', 'roles', 'interfaces', 'statement', 'incidents'],
        requirements.map((r) => [
          r.id,
          r.level + (r.profile === undefined ? '' : ` (${r.profile} profile)`),
          r.roles.length === ROLES.length ? 'all' : r.roles.join(', '),
          r.interfaces.join(', '),
          r.statement,
          r.incidents.join(', '),
        ]),
      ),
    );
  }
  lines.push('', '## Incidents', '');
  lines.push(
    ...table(
      ['id', 'year', 'title', 'lesson', 'cited by'],
      catalog.incidents.map((incident) => [
        incident.id,
        String(incident.year),
        incident.title,
        incident.lesson,
        catalog.requirements
          .filter((r) => r.incidents.includes(incident.id))
          .map((r) => r.id)
          .join(', ') || '(none)',
      ]),
    ),
  );
  return `${lines.join('\n')}\n`;
}
