import { TekigoUsageError } from '../errors.ts';
import { certificationAuthorityMock } from './certification-authority/certification-authority-mock.ts';
import { cryptoDeviceMock } from './crypto-device/crypto-device-mock.ts';
import { issuanceServiceMock } from './issuance-service/issuance-service-mock.ts';
import { kioskGatewayMock } from './kiosk-gateway/kiosk-gateway-mock.ts';
import type { MockDefinition } from './mock-definition.ts';
import { municipalityMock } from './municipality/municipality-mock.ts';
import { nationalCenterMock } from './national-center/national-center-mock.ts';
import { printServiceMock } from './print-service/print-service-mock.ts';

/** Every party tekigo can play, by role or peer name. */
export const mockRoles: Readonly<Record<string, MockDefinition>> = Object.fromEntries(
  [
    nationalCenterMock,
    municipalityMock,
    kioskGatewayMock,
    certificationAuthorityMock,
    issuanceServiceMock,
    printServiceMock,
    cryptoDeviceMock,
  ].map((definition) => [definition.role, definition]),
);

export function mockDefinition(role: string): MockDefinition {
  const definition = mockRoles[role];
  if (!definition) {
    throw new TekigoUsageError(
      'UNKNOWN_MOCK_ROLE',
      `tekigo cannot play ${JSON.stringify(role)}: no mock is defined for it; use one of ${Object.keys(mockRoles).join(', ')}`,
      { role, known: Object.keys(mockRoles) },
    );
  }
  return definition;
}
