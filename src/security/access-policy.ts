/**
 * Who may call what in the production profile (specs/README.md "Production profile"), as data:
 * for each route a role serves, the roles whose certificates may call it and, where the message
 * names a municipality, the member that must equal the code in the caller's certificate
 * (GEN-SEC-003, GEN-SEC-004). `own` is the operator of the role itself, whose certificate names
 * the same role; `any` is any party with a valid certificate. The upper tester is absent: a
 * production-profile role does not serve it (GEN-SEC-012).
 */
export interface AccessRule {
  readonly interface: string;
  /** The role serving the route. */
  readonly server: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route as the references declare it (`:name` parameters). */
  readonly path: string;
  readonly callers: readonly string[] | 'any' | 'own';
  /** Body member holding the municipality code the caller acts for. */
  readonly jurisdiction?: string;
  /** A role's own requirements that this rule states, beyond GEN-SEC-002 and GEN-SEC-003. */
  readonly requirements?: readonly string[];
}

/** Role-specific requirements stating who may call an interface, by interface. */
const RULE_REQUIREMENTS: Readonly<Record<string, readonly string[]>> = {
  'certificate-requests': ['ISS-SEC-001'],
};

const everyRole = ['municipality', 'national-center', 'certification-authority', 'issuance-service', 'relay'];

export const ACCESS_RULES: readonly AccessRule[] = [
  ...[
    [
      'national-center',
      'POST',
      '/resident-changes',
      'resident-changes',
      ['municipality'],
      'municipalityCode',
    ],
    [
      'national-center',
      'POST',
      '/certificate-issuances',
      'certificate-issuances',
      ['certification-authority'],
    ],
    ['national-center', 'POST', '/card-batches', 'card-production', ['municipality'], 'municipalityCode'],
    ['national-center', 'GET', '/card-batches/:batchId', 'card-production', ['municipality']],
    [
      'national-center',
      'POST',
      '/card-management/messages',
      'relay-forwarding',
      ['relay'],
      'municipalityCode',
    ],
    ['certification-authority', 'POST', '/revocation-requests', 'revocation-requests', ['national-center']],
    [
      'certification-authority',
      'GET',
      '/certificate-status/:serialNumber',
      'certificate-status',
      ['signature-verifier'],
    ],
    ['municipality', 'POST', '/registration-notices', 'registration-notices', ['national-center']],
    ['issuance-service', 'POST', '/certificate-requests', 'certificate-requests', ['kiosk-gateway']],
    ['issuance-service', 'POST', '/resident-sync', 'resident-sync', ['municipality'], 'municipalityCode'],
    ['relay', 'POST', '/relay/messages', 'relay-forwarding', ['municipal-terminal'], 'municipalityCode'],
  ].map(([server, method, path, iface, callers, jurisdiction]) => ({
    server: server as string,
    method: method as AccessRule['method'],
    path: path as string,
    interface: iface as string,
    callers: callers as readonly string[],
    ...(jurisdiction === undefined ? {} : { jurisdiction: jurisdiction as string }),
    ...(RULE_REQUIREMENTS[iface as string] ? { requirements: RULE_REQUIREMENTS[iface as string] } : {}),
  })),
  ...everyRole.flatMap((server): AccessRule[] => [
    { server, method: 'GET', path: '/health', interface: 'health', callers: 'any' },
    { server, method: 'GET', path: '/reconciliation', interface: 'reconciliation', callers: 'any' },
    { server, method: 'GET', path: '/dead-letters', interface: 'dead-letters', callers: 'own' },
    { server, method: 'POST', path: '/dead-letters/:id/redrive', interface: 'dead-letters', callers: 'own' },
  ]),
  // The relay's metrics are part of its health interface (specs/README.md d-relay-metrics).
  { server: 'relay', method: 'GET', path: '/metrics', interface: 'health', callers: 'any' },
];

/** The rule for a route a role serves, undefined when the production profile allows no caller. */
export function accessRuleFor(server: string, method: string, path: string): AccessRule | undefined {
  return ACCESS_RULES.find((r) => r.server === server && r.method === method && r.path === path);
}

/** Whether `callerRole` may call a route under `rule`. */
export function mayCall(rule: AccessRule, server: string, callerRole: string): boolean {
  if (rule.callers === 'any') return true;
  if (rule.callers === 'own') return callerRole === server;
  return rule.callers.includes(callerRole);
}
