import type { SutClient, SutResponse } from '../../src/client/sut-client.ts';
import type { ProductionCall } from '../../src/conformance/profiles/role-adapter.ts';
import { TekigoHarnessError } from '../../src/errors.ts';
import {
  AUTHORITY,
  change,
  digestOf,
  issuance,
  NEW_ADDRESS,
  outcomesOf,
  planResidents,
  REVOCATIONS,
  TOKYO,
} from './nc-scenario.ts';

const batch = (records: readonly unknown[], more: Record<string, unknown>) => ({
  batchId: crypto.randomUUID(),
  sentAt: new Date().toISOString(),
  ...more,
  records,
});

async function accepted(answer: Promise<SutResponse>, what: string): Promise<SutResponse> {
  const done = await answer;
  if (done.status !== 200 || outcomesOf(done).some((o) => o !== 'accepted'))
    throw new TekigoHarnessError(
      'SETUP_REFUSED',
      `the target answered ${done.status ?? done.outcome} to ${what} in the production profile; the center must accept it to be tested`,
    );
  return done;
}

/**
 * What makes the center call the certification authority in the production profile (NC-A10): a
 * new resident born (as Tokyo's municipality), a certificate linked to it (as the authority), then
 * the resident's move-out, whose address change the center must follow with a revocation request.
 */
export const REVOCATION_CALL: ProductionCall = {
  peer: AUTHORITY,
  // A revocation is delivered within the center's deliveryBoundMs (5 s by default).
  withinMs: 8_000,
  async cause(as) {
    const [resident] = planResidents(1);
    if (!resident) throw new TekigoHarnessError('NO_RESIDENT', 'no synthetic resident planned');
    const municipality: SutClient = await as({ role: 'municipality', municipalityCode: TOKYO });
    const authority: SutClient = await as({ role: AUTHORITY });
    const changes = (records: readonly unknown[]) =>
      municipality.post('/resident-changes', batch(records, { municipalityCode: TOKYO }), {
        interface: 'resident-changes',
        requestType: 'resident-changes/batch-request',
        responseType: 'resident-changes/batch-result',
      });
    await accepted(changes([change(resident.residentCode, 'birth', { items: resident.items })]), 'a birth');
    await accepted(
      authority.post(
        '/certificate-issuances',
        batch([issuance(resident, digestOf(resident.items))], { authorityId: 'tekigo-authority' }),
        {
          interface: 'certificate-issuances',
          requestType: 'certificate-issuances/batch-request',
          responseType: 'certificate-issuances/batch-result',
        },
      ),
      'an issuance notice',
    );
    return accepted(
      changes([change(resident.residentCode, 'move-out', { items: { address: NEW_ADDRESS } })]),
      `a move-out, to be followed by a request on ${REVOCATIONS}`,
    );
  },
};
