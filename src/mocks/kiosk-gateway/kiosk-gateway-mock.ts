import { healthHandler } from '../handler-kit.ts';
import { type MockDefinition, SENDER_FAULT_ACTIONS } from '../mock-definition.ts';
import { sendsWithSamples } from '../samples.ts';

const ROLE = 'kiosk-gateway';

/** A convenience-store kiosk gateway as tekigo plays it: it sends certificate requests to an issuance service. */
export const kioskGatewayMock: MockDefinition = {
  role: ROLE,
  routes: [{ method: 'GET', path: '/health', interface: 'health', responseType: 'health/health' }],
  sends: sendsWithSamples('certificate-requests'),
  faultActions: SENDER_FAULT_ACTIONS,
  create: () => ({ handlers: [healthHandler(ROLE)], state: () => ({}), reset: () => {} }),
};
