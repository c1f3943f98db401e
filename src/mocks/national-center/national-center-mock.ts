import { type MockDefinition, PEER_FAULT_ACTIONS } from '../mock-definition.ts';
import { sendsWithSamples } from '../samples.ts';
import {
  CARD_MANAGEMENT_ROUTE,
  CardManagementAnswers,
  cardManagementHandler,
} from './card-management-handler.ts';
import { MUNICIPALITY_DESK_ROUTES, municipalityDesk } from './municipality-desk.ts';
import { nationalCenterHandlers } from './national-center-handlers.ts';
import { NationalCenterStore } from './national-center-store.ts';

/**
 * The national center as tekigo plays it: it receives certificate issuances, and sends
 * revocation requests (to a certification authority) and registration notices (to a
 * municipality) when the suite asks.
 */
export const nationalCenterMock: MockDefinition = {
  role: 'national-center',
  routes: [
    ...MUNICIPALITY_DESK_ROUTES,
    {
      method: 'POST',
      path: '/certificate-issuances',
      interface: 'certificate-issuances',
      requestType: 'certificate-issuances/batch-request',
      responseType: 'certificate-issuances/batch-result',
    },
    {
      method: 'GET',
      path: '/reconciliation',
      interface: 'reconciliation',
      responseType: 'reconciliation/report',
    },
    { method: 'GET', path: '/health', interface: 'health', responseType: 'health/health' },
    CARD_MANAGEMENT_ROUTE,
  ],
  sends: sendsWithSamples('revocation-requests', 'registration-notices'),
  faultActions: PEER_FAULT_ACTIONS,
  create({ validate, outbound }) {
    const store = new NationalCenterStore();
    const desk = municipalityDesk(validate);
    const cardMessages = new CardManagementAnswers();
    return {
      handlers: [
        ...desk.handlers,
        ...nationalCenterHandlers({ store, validate, desk, ...(outbound ? { outbound } : {}) }),
        cardManagementHandler(cardMessages, validate),
      ],
      state: () => ({ ...store.snapshot(), ...desk.snapshot() }),
      reset: () => {
        store.reset();
        desk.reset();
        cardMessages.reset();
      },
    };
  },
};
