/** The roles of the protocol (specs/README.md, "Roles"): the parties that can be under test. */
export const ROLES = [
  'municipality',
  'national-center',
  'certification-authority',
  'issuance-service',
  'relay',
] as const;

export type Role = (typeof ROLES)[number];
