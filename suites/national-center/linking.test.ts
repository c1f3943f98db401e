import { checkIssuanceAnswers } from '../../src/checks/check-expected-answers.ts';
import { checkLinkedOrNot } from '../../src/checks/check-revocation-presence.ts';
import { conformanceSuite } from '../../src/conformance/conformance-suite.ts';
import { nationalCenter } from './adapter.ts';
import {
  change,
  digestOf,
  issuance,
  NEW_ADDRESS,
  OSAKA,
  outcomesOf,
  planResidents,
  refOf,
  requireAccepted,
  revocationEntries,
  revocationsBySerial,
  sendChanges,
  sendIssuances,
} from './nc-scenario.ts';

// Linking certificates to residents (INC-2004-JPKI): what the center links, what it refuses, and
// that a change it refused or already had revokes nothing.
const suite = conformanceSuite(nationalCenter);

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
