import type { Finding } from '../report/report-model.ts';
import { decodedLine, type TargetLog, withLog } from './log-events.ts';

/** The personal data a test gave the target: the four items, and an individual number if any. */
export interface PersonalData {
  readonly name: { readonly kanji: string; readonly kana: string };
  readonly address: string;
  readonly dateOfBirth: string;
  readonly individualNumber?: string;
}

/**
 * GEN-SEC-007: no log line holds a name, kana, address, date of birth or individual number the
 * test gave the target. Lines are searched as written and, for JSON lines, after decoding, so
 * escaped non-ASCII text is found too. Findings name the item, never its value.
 */
export function checkNoPersonalData(log: TargetLog, people: readonly PersonalData[]): Finding {
  const items = people.flatMap((person, i) => [
    { what: `the name of person ${i + 1}`, value: person.name.kanji },
    { what: `the kana of person ${i + 1}`, value: person.name.kana },
    { what: `the address of person ${i + 1}`, value: person.address },
    { what: `the date of birth of person ${i + 1}`, value: person.dateOfBirth },
    ...(person.individualNumber
      ? [{ what: `the individual number of person ${i + 1}`, value: person.individualNumber }]
      : []),
  ]);
  const leaks: string[] = [];
  log.lines.forEach((line, index) => {
    const text = `${line}\n${decodedLine(line)}`;
    for (const item of items) if (text.includes(item.value)) leaks.push(`line ${index} holds ${item.what}`);
  });
  if (leaks.length === 0) {
    return {
      requirement: 'GEN-SEC-007',
      verdict: 'pass',
      message: `${log.lines.length} log line(s) hold none of the personal data of ${people.length} person(s)`,
      evidence: withLog(log),
    };
  }
  return {
    requirement: 'GEN-SEC-007',
    verdict: 'fail',
    message: `${leaks[0]}${leaks.length > 1 ? ` (${leaks.length} leaks in all)` : ''}`,
    evidence: withLog(log),
  };
}
