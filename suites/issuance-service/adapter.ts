import type { ReceiverAdapter, RoleAdapter } from '../../src/conformance/profiles/role-adapter.ts';
import { KIOSK, MUNICIPALITY, PRINT } from './iss-scenario.ts';
import { PRINT_CALL } from './production-call.ts';
import { CERTIFICATE_REQUESTS_RECEIVER, RESIDENT_SYNC_RECEIVER } from './receivers.ts';

/**
 * How the generic profiles drive the issuance service. tekigo plays its three peers: the kiosk
 * gateway and the municipality (which send to it) and the print service (which it sends print
 * jobs to, and which holds every result until the suite releases it). It has no stimulus kind
 * and sends no batches; the batch-receiver profile runs on resident-sync and on
 * certificate-requests (one request per exchange); its own tests are in this folder.
 */
export const issuanceService: RoleAdapter = {
  role: 'issuance-service',
  peers: [PRINT, KIOSK, MUNICIPALITY],
  ids: { health: 'IS-H01', internalFailure: 'IS-V02' },
  probes: [{ path: '/dead-letters', interface: 'dead-letters' }],
  sends: [],
  observability: {
    id: 'IS-V01',
    unknownPaths: [
      ['GET', '/print-jobs'],
      ['POST', '/certificate-requests/extra'],
    ],
  },
  receives: [RESIDENT_SYNC_RECEIVER as ReceiverAdapter, CERTIFICATE_REQUESTS_RECEIVER as ReceiverAdapter],
  // A kiosk's certificate request makes it call the print service (IS-A10).
  productionCall: PRINT_CALL,
};
