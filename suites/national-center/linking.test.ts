import { checkIssuanceAnswers } from '../../src/checks/check-expected-answers.ts';
import { checkLinkedOrNot, checkNameReadBack } from '../../src/checks/check-revocation-presence.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { NON_BMP_NAME } from '../../src/conformance/profiles/hostile-input/hostile-input-profile.ts';
import { nationalCenter } from './adapter.ts';
import {
  AUTHORITY,
  change,
  digestOf,
  issuance,
  NEW_ADDRESS,
  OSAKA,
  outcomesOf,
  pause,
  planResidents,
  refOf,
  requireAccepted,
  revocationEntries,
  revocationsBySerial,
  sendChanges,
  sendIssuances,
} from './nc-scenario.ts';

// Linking certificates to residents (INC-2004-JPKI): what the center links, what it refuses, and
// that a change it refused or already had revokes nothing; and the name it keeps, read back through
// the digest check of issuance notices.
const suite = conformanceSuite(nationalCenter);

/** A name as a legacy character set (JIS X 0208) keeps it: 〓 (geta) for each character outside the BMP. */
const inLegacyCharacters = (text: string): string => text.replace(/[\u{10000}-\u{10FFFF}]/gu, '〓');
const OUTSIDE_BMP = [...NON_BMP_NAME].filter((c) => (c.codePointAt(0) ?? 0) > 0xffff).length;

suite.test(
  {
    id: 'NC-I01',
    title:
      'issuance notices for unknown residents and reused serials are refused, one from another municipality is linked; refused and duplicate changes revoke nothing',
    requirements: ['NC-ISS-001', 'NC-ISS-002', 'NC-ISS-004', 'NC-REV-004'],
  },
  async (t) => {
    const { deliveryBoundMs, requestTimeoutMs } = t.env.capabilities.parameters;
    const [plain, elsewhere, refused, unborn] = planResidents(4);
    if (!plain || !elsewhere || !refused || !unborn) throw new Error('four residents planned');
    // Reserved before the births, sent after them: a change below the applied sequence.
    const stale = change(refused.residentCode, 'address-change', { items: { address: NEW_ADDRESS } });
    const births = [plain, elsewhere, refused].map((r) =>
      change(r.residentCode, 'birth', { items: r.items }),
    );
    requireAccepted(await sendChanges(t, births), 'births of new residents');
    requireAccepted(
      await sendIssuances(t, [
        issuance(plain, digestOf(plain.items)),
        issuance(refused, digestOf(refused.items)),
      ]),
      'issuance notices for residents it holds',
    );
    const unknown = await sendIssuances(t, [issuance(unborn, digestOf(unborn.items))]);
    const reused = await sendIssuances(t, [issuance(plain, digestOf(plain.items))]);
    const otherMunicipality = await sendIssuances(t, [issuance(elsewhere, digestOf(elsewhere.items), OSAKA)]);
    t.apply(checkIssuanceAnswers, [
      {
        requirement: 'NC-ISS-001',
        what: 'an issuance notice for a residentCode never born',
        expected: 'rejected:unknown-resident',
        answered: outcomesOf(unknown)[0],
        ref: refOf(unknown),
      },
      {
        requirement: 'NC-ISS-004',
        what: 'a second notice for a linked serialNumber under another recordId',
        expected: 'rejected:conflict',
        answered: outcomesOf(reused)[0],
        ref: refOf(reused),
      },
      {
        requirement: 'NC-ISS-004',
        what: "a notice whose municipalityCode is not the resident's",
        expected: 'accepted',
        answered: outcomesOf(otherMunicipality)[0],
        ref: refOf(otherMunicipality),
      },
    ]);
    // Changes the center must refuse or has already applied, for a resident whose certificate
    // is linked and valid.
    const refusals = [
      { what: 'a change below the applied sequence', answer: await sendChanges(t, [stale]) },
      {
        what: 'a change from a municipality the resident is not held under',
        answer: await sendChanges(
          t,
          [change(refused.residentCode, 'move-out', { items: { address: NEW_ADDRESS } })],
          OSAKA,
        ),
      },
      { what: 'the birth delivered again', answer: await sendChanges(t, [births[2]]) },
    ];
    if (refusals.some((r) => outcomesOf(r.answer)[0] === 'accepted'))
      t.check(
        'NC-REV-004',
        false,
        `a change that must be refused or is a duplicate was answered accepted: ${refusals
          .filter((r) => outcomesOf(r.answer)[0] === 'accepted')
          .map((r) => r.what)
          .join('; ')}`,
        refusals.map((r) => refOf(r.answer)),
      );
    // Then both linked residents move out: each certificate must be revoked, and the refused
    // changes were queued before these, so their revocations would have been sent by then.
    const sinceEpochMs = Date.now();
    requireAccepted(
      await sendChanges(
        t,
        [plain, elsewhere].map((r) =>
          change(r.residentCode, 'move-out', { items: { address: NEW_ADDRESS } }),
        ),
      ),
      'move-outs of residents it holds',
    );
    await t.waitFor(
      'revocation requests for both certificates',
      async () => {
        const bySerial = revocationsBySerial(await revocationEntries(t), { answered: true });
        return bySerial.has(plain.serialNumber) && bySerial.has(elsewhere.serialNumber) ? true : undefined;
      },
      { timeoutMs: requestTimeoutMs + deliveryBoundMs + 1_000, intervalMs: 50 },
    );
    const within = { sinceEpochMs, boundMs: deliveryBoundMs };
    t.apply(checkLinkedOrNot, {
      ledger: 'certification-authority',
      entries: await revocationEntries(t),
      expectations: [
        {
          requirement: 'NC-ISS-002',
          what: 'the certificate linked from its own municipality, after a move-out',
          serialNumber: plain.serialNumber,
          revoked: true,
          within,
        },
        {
          requirement: 'NC-ISS-002',
          what: 'the certificate notified by another municipality, after a move-out',
          serialNumber: elsewhere.serialNumber,
          revoked: true,
          within,
        },
        {
          requirement: 'NC-ISS-004',
          what: 'the certificate accepted from another municipality is linked: revoked after a move-out',
          serialNumber: elsewhere.serialNumber,
          revoked: true,
          within,
        },
        {
          requirement: 'NC-REV-004',
          what: 'after changes answered rejected or duplicate',
          serialNumber: refused.serialNumber,
          revoked: false,
        },
      ],
    });
  },
);

suite.test(
  {
    id: 'NC-I02',
    title:
      'keeps a name outside the BMP code point for code point: a certificate over it stays linked, one over the name with 〓 is revoked as a digest mismatch',
    requirements: ['GEN-VAL-007', 'NC-ISS-003'],
  },
  async (t) => {
    const { deliveryBoundMs, requestTimeoutMs } = t.env.capabilities.parameters;
    const [resident, spare] = planResidents(2);
    if (!resident || !spare) throw new Error('two residents planned');
    // The center shows no stored name; its digest check of issuance notices reads it back.
    const items = { ...resident.items, name: { ...resident.items.name, kanji: NON_BMP_NAME } };
    const legacy = { ...items, name: { ...items.name, kanji: inLegacyCharacters(NON_BMP_NAME) } };
    const birth = await sendChanges(t, [change(resident.residentCode, 'birth', { items })]);
    const born = outcomesOf(birth)[0];
    if (birth.status !== 200 || born !== 'accepted')
      return t.check(
        'GEN-VAL-007',
        false,
        `the birth of a resident whose name holds ${OUTSIDE_BMP} characters outside the BMP was answered ${birth.status ?? birth.outcome} ${born ?? ''} (expected 200 accepted)`,
        [refOf(birth)],
      );
    const intact = issuance(resident, digestOf(items));
    const mangled = issuance({ ...resident, serialNumber: spare.serialNumber }, digestOf(legacy));
    const sinceEpochMs = Date.now();
    requireAccepted(await sendIssuances(t, [intact, mangled]), 'issuance notices for a resident it holds');
    await t.waitFor(
      'a revocation request for either certificate',
      async () => {
        const bySerial = revocationsBySerial(await revocationEntries(t), { answered: true });
        return bySerial.has(intact.serialNumber) || bySerial.has(mangled.serialNumber) ? true : undefined;
      },
      { timeoutMs: requestTimeoutMs + deliveryBoundMs + 1_000, intervalMs: 50 },
    );
    // Both notices were linked together: a second revocation would follow the first at once.
    await pause(300);
    t.apply(checkNameReadBack, {
      ledger: AUTHORITY,
      entries: await revocationEntries(t),
      expectations: [
        {
          requirement: 'GEN-VAL-007',
          what: `the certificate over the four items as sent, a name of ${[...NON_BMP_NAME].length} characters, ${OUTSIDE_BMP} of them outside the BMP`,
          serialNumber: intact.serialNumber,
          revoked: false,
        },
        {
          requirement: 'NC-ISS-003',
          what: 'the certificate over the same items with 〓 for each character outside the BMP',
          serialNumber: mangled.serialNumber,
          revoked: true,
          within: { sinceEpochMs, boundMs: deliveryBoundMs },
        },
      ],
    });
  },
);
