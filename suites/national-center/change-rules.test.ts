import {
  checkChangeRefusals,
  checkSequenceScope,
  type ExpectedAnswer,
} from '../../src/checks/check-expected-answers.ts';
import type { SutResponse } from '../../src/client/sut-client.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { nationalCenter } from './adapter.ts';
import {
  type ChangeRecord,
  change,
  NEW_ADDRESS,
  OSAKA,
  outcomesOf,
  planResidents,
  refOf,
  requireAccepted,
  sendChanges,
  TOKYO,
} from './nc-scenario.ts';

// The record-level rules of resident changes (specs/README.md, d-rc-rules, d-rc-scope,
// d-record-precedence): which changes are refused, with which type, in which order, and that
// sequences are judged per resident and municipality, gaps allowed (INC-2003-NAGANO, INC-2004-JPKI).
const suite = conformanceSuite(nationalCenter);

/** The first record's answer, as an expectation of an expected-answers check. */
const answerOf = (requirement: string, what: string, expected: string, answer: SutResponse) => ({
  requirement,
  what,
  expected,
  answered: outcomesOf(answer)[0] ?? `status ${answer.status ?? 'none'}`,
  ref: refOf(answer),
});

suite.test(
  {
    id: 'NC-Q02',
    title:
      'changes for unknown, dead or elsewhere-held residents, entries that conflict, missing items and reused sequences are refused, the first refusal in order',
    requirements: ['NC-CHG-001', 'NC-CHG-002', 'NC-CHG-003', 'NC-CHG-004', 'NC-SEQ-003'],
  },
  async (t) => {
    const [held, dying, unborn] = planResidents(3);
    if (!held || !dying || !unborn) throw new Error('three residents planned');
    const heldBirth = change(held.residentCode, 'birth', { items: held.items });
    const dyingBirth = change(dying.residentCode, 'birth', { items: dying.items });
    // Reserved before the death, sent after it: lower than the death's sequence.
    const late = change(dying.residentCode, 'address-change', { items: { address: NEW_ADDRESS } });
    const death = change(dying.residentCode, 'death');
    requireAccepted(await sendChanges(t, [heldBirth, dyingBirth, death]), 'births and a death');
    const send = (record: ChangeRecord, municipalityCode = TOKYO) =>
      sendChanges(t, [record], municipalityCode);
    const move = (code: string, fields = {}) =>
      change(code, 'address-change', { items: { address: NEW_ADDRESS }, ...fields });
    const answers: ExpectedAnswer[] = [
      answerOf(
        'NC-CHG-001',
        'an address change for a residentCode never born',
        'rejected:unknown-resident',
        await send(move(unborn.residentCode)),
      ),
      answerOf(
        'NC-CHG-003',
        'a birth for a resident already held',
        'rejected:conflict',
        await send(change(held.residentCode, 'birth', { items: held.items })),
      ),
      answerOf(
        'NC-CHG-003',
        'a move-in from the municipality the resident is held under',
        'rejected:conflict',
        await send(change(held.residentCode, 'move-in', { items: { ...held.items, address: NEW_ADDRESS } })),
      ),
      answerOf(
        'NC-CHG-003',
        'an address change from a municipality the resident is not held under',
        'rejected:unknown-resident',
        await send(move(held.residentCode), OSAKA),
      ),
      answerOf(
        'NC-CHG-003',
        'an address change after the resident died',
        'rejected:unknown-resident',
        await send(move(dying.residentCode)),
      ),
      answerOf(
        'NC-CHG-004',
        'a change after the death with a sequence below it (unknown-resident comes before stale-sequence)',
        'rejected:unknown-resident',
        await send(late),
      ),
      answerOf(
        'NC-SEQ-003',
        "another record under the sequence of the held resident's birth",
        'rejected:conflict',
        await send(move(held.residentCode, { sequence: heldBirth.sequence })),
      ),
      answerOf(
        'NC-CHG-004',
        'a change for an unknown resident under a used sequence (conflict comes before unknown-resident)',
        'rejected:conflict',
        await send(move(unborn.residentCode, { sequence: heldBirth.sequence })),
      ),
    ];
    // A name change without the name it requires: the whole request is refused 400 naming the field.
    const missing = await send(change(held.residentCode, 'name-change'));
    const errors = (missing.body as { errors?: { pointer?: string }[] } | null)?.errors ?? [];
    const named = errors.some((e) => e.pointer?.startsWith('/records/0/items'));
    answers.push({
      requirement: 'NC-CHG-002',
      what: 'a name change without items',
      expected: '400 naming /records/0/items',
      answered: missing.status === 400 && named ? '400 naming /records/0/items' : `status ${missing.status}`,
      ref: refOf(missing),
    });
    t.apply(checkChangeRefusals, answers);
  },
);

suite.test(
  {
    id: 'NC-Q03',
    title:
      'a gap in the sequence holds nothing back; after a move, the new municipality is ordered by its own sequence',
    requirements: ['NC-SEQ-002', 'NC-SEQ-005'],
  },
  async (t) => {
    const [jumper, mover] = planResidents(2);
    if (!jumper || !mover) throw new Error('two residents planned');
    const births = [jumper, mover].map((r) => change(r.residentCode, 'birth', { items: r.items }));
    requireAccepted(await sendChanges(t, births), 'births of new residents');
    const highest = Math.max(...births.map((b) => b.sequence));
    const gap = await sendChanges(t, [
      change(jumper.residentCode, 'address-change', {
        items: { address: NEW_ADDRESS },
        sequence: highest + 50_000,
      }),
    ]);
    // The mover's Tokyo sequence, far above what Osaka sends it, is a gap too.
    const farAbove = await sendChanges(t, [
      change(mover.residentCode, 'address-change', {
        items: { address: `${mover.items.address}2` },
        sequence: highest + 60_000,
      }),
    ]);
    const base = 1 + (highest % 1_000);
    const moveIn = await sendChanges(
      t,
      [
        change(mover.residentCode, 'move-in', {
          items: { ...mover.items, address: NEW_ADDRESS },
          sequence: base,
        }),
      ],
      OSAKA,
    );
    const after = await sendChanges(
      t,
      [
        change(mover.residentCode, 'address-change', {
          items: { address: `${NEW_ADDRESS}2` },
          sequence: base + 1,
        }),
      ],
      OSAKA,
    );
    t.apply(checkSequenceScope, [
      answerOf('NC-SEQ-002', 'a change 50 000 above the last sequence', 'accepted', gap),
      answerOf('NC-SEQ-002', "another resident's change 60 000 above", 'accepted', farAbove),
      answerOf(
        'NC-SEQ-005',
        'a move-in from Osaka under a sequence below the resident’s Tokyo ones',
        'accepted',
        moveIn,
      ),
      answerOf('NC-SEQ-005', 'the next change from Osaka', 'accepted', after),
    ]);
  },
);
