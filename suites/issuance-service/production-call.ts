import type { SutResponse } from '../../src/client/sut-client.ts';
import type { ProductionCall } from '../../src/conformance/profiles/role-adapter.ts';
import { TekigoHarnessError } from '../../src/errors.ts';
import { residentSnapshot } from '../../src/mocks/municipality/resident-snapshot.ts';
import { KIOSK, MUNICIPALITY, PRINT, planResidents, requestFor, TOKYO } from './iss-scenario.ts';

/**
 * What makes the issuance service call the print service in the production profile (IS-A10): a
 * new resident synced (as Tokyo's municipality), then a kiosk's certificate request for it, which
 * the service must print. The print service holds the job, so a request it reached is answered
 * only once the service's print timeout (deliveryBoundMs) has run out.
 */
export const PRINT_CALL: ProductionCall = {
  peer: PRINT,
  async cause(as): Promise<SutResponse> {
    const [resident] = planResidents(1);
    if (!resident) throw new TekigoHarnessError('NO_RESIDENT', 'no synthetic resident planned');
    const municipality = await as({ role: MUNICIPALITY, municipalityCode: TOKYO });
    const synced = await municipality.post(
      '/resident-sync',
      {
        batchId: crypto.randomUUID(),
        sentAt: new Date().toISOString(),
        municipalityCode: TOKYO,
        records: [residentSnapshot({ residentCode: resident.residentCode, items: resident.items }, 1)],
      },
      {
        interface: 'resident-sync',
        requestType: 'resident-sync/batch-request',
        responseType: 'resident-sync/batch-result',
      },
    );
    const outcomes = (synced.body as { results?: { outcome?: unknown }[] } | null)?.results ?? [];
    if (synced.status !== 200 || outcomes.some((r) => r.outcome !== 'accepted'))
      throw new TekigoHarnessError(
        'SETUP_REFUSED',
        `the service answered ${synced.status ?? synced.outcome} to a resident sync in the production profile; it must accept it to be tested`,
      );
    const gateway = await as({ role: KIOSK });
    return gateway.post('/certificate-requests', requestFor(resident), {
      interface: 'certificate-requests',
      requestType: 'certificate-requests/request',
    });
  },
};
