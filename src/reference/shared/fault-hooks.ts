import { fileURLToPath } from 'node:url';
import { noContent, type Reply, type RequestContext, type Route } from './http-app.ts';
import { validationReply } from './role-kit.ts';
import type { ValidateFields } from './validation.ts';

/**
 * The upper tester's `PUT /conformance/hooks` for every reference role, and its fault hook
 * `internalFailure` (GEN-UT-011): the next `count` requests on one interface throw inside the
 * handler, where the role's own code runs, so that the app answers them as it answers any
 * internal failure (GEN-ERR-003). Spent after `count` requests, cleared by reset, kept in memory
 * only. A role's own hooks (the national center's `cardProcessing`) come in as `pacing`.
 */

/** The interface of a route whose first path segment is not the interface's name. */
const INTERFACE_OF_SEGMENT: Readonly<Record<string, string>> = {
  'card-batches': 'card-production',
  'card-management': 'relay-forwarding',
  relay: 'relay-forwarding',
  conformance: 'upper-tester',
  metrics: 'health',
};

const HOOKS_PATH = '/conformance/hooks';

/** The interface a route serves, e.g. `/dead-letters/:id/redrive` → `dead-letters`. */
export function interfaceOfRoute(path: string): string {
  const segment = path.split('/')[1] ?? '';
  return INTERFACE_OF_SEGMENT[segment] ?? segment;
}

/**
 * What the hook throws: what an unexpected failure deep in the store would carry — a file
 * path, a query and a library version in its message, and a stack — so that a handler that
 * reveals any of it is caught.
 */
export class InjectedInternalFailure extends Error {
  override readonly name = 'InjectedInternalFailure';
  constructor(iface: string) {
    super(
      `disk I/O error in ${fileURLToPath(import.meta.url)} while running SELECT state FROM records ` +
        `WHERE interface = '${iface}' (node:sqlite ${process.versions.sqlite ?? '3.0.0'}; injected by the internalFailure hook)`,
    );
  }
}

export interface HookedRole {
  readonly validate: ValidateFields;
  readonly testMode: boolean;
  /** The role's own hooks besides `internalFailure`, applied as a whole on every PUT. */
  readonly pacing?: {
    /** The member names it takes, e.g. `cardProcessing`. */
    readonly members: readonly string[];
    apply(hooks: Readonly<Record<string, unknown>>): void;
  };
}

/**
 * The role's routes with the fault hook: every handler first asks whether its request is one
 * to fail, `PUT /conformance/hooks` is added (test mode only) and `POST /conformance/reset`
 * also disarms the hook.
 */
export function withFaultHooks(routes: readonly Route[], role: HookedRole): Route[] {
  if (!role.testMode) return [...routes];
  let armed: { interface: string; left: number } | undefined;

  const failIfArmed = (route: Route): void => {
    if (route.path === HOOKS_PATH || !armed || armed.interface !== interfaceOfRoute(route.path)) return;
    armed.left -= 1;
    if (armed.left <= 0) armed = undefined;
    throw new InjectedInternalFailure(interfaceOfRoute(route.path));
  };

  function setHooks({ body }: RequestContext): Reply {
    const errors = role.validate('upper-tester/hooks', body);
    if (errors.length > 0) return validationReply(errors);
    const hooks = body as Readonly<Record<string, unknown>>;
    const offered = new Set(['internalFailure', ...(role.pacing?.members ?? [])]);
    const unoffered = Object.keys(hooks).filter((member) => !offered.has(member));
    if (unoffered.length > 0)
      return validationReply(
        unoffered.map((member) => ({ pointer: `/${member}`, detail: 'this role does not offer this hook' })),
      );
    const failure = hooks.internalFailure as { interface: string; count: number } | undefined;
    armed = failure ? { interface: failure.interface, left: failure.count } : undefined;
    role.pacing?.apply(
      Object.fromEntries(Object.entries(hooks).filter(([member]) => member !== 'internalFailure')),
    );
    return noContent;
  }

  const hooked = routes
    .filter((route) => route.path !== HOOKS_PATH)
    .map(
      (route): Route => ({
        ...route,
        handle: (context) => {
          failIfArmed(route);
          if (route.method === 'POST' && route.path === '/conformance/reset') armed = undefined;
          return route.handle(context);
        },
      }),
    );
  return [...hooked, { method: 'PUT', path: HOOKS_PATH, body: 'json', handle: setHooks }];
}
