import { TekigoUsageError } from '../../errors.ts';
import { type FieldError, problem } from '../../spec/problem-types.ts';
import { isCalendarDate } from '../certification-authority/inputs.ts';
import { SUPPORTED_JITTER } from './backoff.ts';
import { jsonReply, problemReply, type Reply, type RequestContext, type Route } from './http-app.ts';
import type { Inbox } from './inbox.ts';
import type { Outbox } from './outbox.ts';
import { applyParameterOverrides, type ParameterOverrides } from './parameters.ts';
import type { Reconciled } from './reference-capabilities.ts';
import type { ValidateFields } from './validation.ts';

/**
 * What a role's start-up and operator routes share: parameters checked against the spec's
 * bounds, the replica by name, the 400 validation answer, and the reconciliation and
 * dead-letter routes over the role's outbox and inbox.
 */

/** A 400 validation problem naming each offending field. */
export function validationReply(errors: readonly FieldError[]): Reply {
  return problemReply(
    problem('validation', {
      detail: errors.map((e) => `${e.pointer || '(body)'}: ${e.detail}`).join('; '),
      errors,
    }),
  );
}

/**
 * What is wrong with a reconciliation query (`GET /reconciliation?date=…&peer=…`): a date that is
 * not a calendar date, a peer that names no party (unless `checksPeer` is off, a replica's seam).
 */
export function reconciliationQueryErrors(
  validate: ValidateFields,
  date: string,
  peer: string,
  checksPeer = true,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCalendarDate(date))
    errors.push({ pointer: '/date', detail: 'the date query parameter must be a calendar date YYYY-MM-DD' });
  if (checksPeer && validate('common/party', peer).length > 0)
    errors.push({ pointer: '/peer', detail: 'the peer query parameter must name a party' });
  return errors;
}

/** What is wrong with a dead-letter query's `interface` filter (absent is fine). */
export function deadLetterQueryErrors(validate: ValidateFields, interfaceName: string | null): FieldError[] {
  return interfaceName !== null && validate('common/interface-name', interfaceName).length > 0
    ? [{ pointer: '/interface', detail: 'the interface query parameter must name an interface' }]
    : [];
}

/** Defaults with overrides, refused unless the capabilities they make stay within the spec's bounds. */
export function resolveRoleParameters<P extends { readonly retry: { readonly jitter: string } }>(
  validate: ValidateFields,
  defaults: P,
  capabilitiesOf: (parameters: P) => unknown,
  overrides: ParameterOverrides,
): P {
  const parameters = applyParameterOverrides(defaults, overrides);
  const errors = validate('upper-tester/capabilities', capabilitiesOf(parameters));
  const jitterKnown = (SUPPORTED_JITTER as readonly string[]).includes(parameters.retry.jitter);
  if (errors.length === 0 && jitterKnown) return parameters;
  const why = jitterKnown
    ? errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')
    : `retry.jitter must be one of ${SUPPORTED_JITTER.join(', ')}`;
  throw new TekigoUsageError(
    'BAD_PARAMETER',
    `cannot use these parameters: ${why}. Keep them within the bounds of upper-tester/capabilities`,
    { errors },
  );
}

/** The replica of that name, undefined for none; an unknown name is a usage error listing the known ones. */
export function findReplica<R extends { readonly name: string }>(
  replicas: readonly R[],
  name: string | undefined,
): R | undefined {
  if (name === undefined) return undefined;
  const replica = replicas.find((candidate) => candidate.name === name);
  if (!replica)
    throw new TekigoUsageError(
      'UNKNOWN_REPLICA',
      `unknown replica ${JSON.stringify(name)}; known replicas: ${replicas.map((r) => r.name).join(', ')}`,
      { name },
    );
  return replica;
}

export interface LedgerRouteParts {
  readonly role: string;
  readonly validate: ValidateFields;
  /** Per peer, the interfaces and directions its reconciliation report covers. */
  readonly reconciled: Reconciled;
  readonly outbox: Outbox;
  readonly inbox: Inbox;
  /** Called after a re-drive, so the senders look at their queues. */
  readonly wake: () => void;
}

/** `GET /reconciliation`, `GET /dead-letters` and `POST /dead-letters/{id}/redrive`. */
export function ledgerRoutes({ role, validate, reconciled, outbox, inbox, wake }: LedgerRouteParts): Route[] {
  function reconciliation({ query }: RequestContext): Reply {
    const date = query.get('date') ?? '';
    const peer = query.get('peer') ?? '';
    const errors = reconciliationQueryErrors(validate, date, peer);
    if (errors.length > 0) return validationReply(errors);
    const entries = (reconciled[peer] ?? []).map((entry) =>
      entry.direction === 'outbound'
        ? outbox.reconcile(entry.interface, peer, date)
        : inbox.reconcile(entry.interface, peer, date),
    );
    return jsonReply(200, { role, peer, date, generatedAt: new Date().toISOString(), entries });
  }

  function deadLetters({ query }: RequestContext): Reply {
    const interfaceName = query.get('interface');
    const errors = deadLetterQueryErrors(validate, interfaceName);
    if (errors.length > 0) return validationReply(errors);
    return jsonReply(200, { items: outbox.deadLetters(interfaceName ?? undefined) });
  }

  function redrive({ params }: RequestContext): Reply {
    const result = outbox.redrive(params.id ?? '', Date.now());
    if (!result)
      return problemReply(
        problem('not-found', {
          title: 'Unknown dead letter',
          detail: 'no dead letter has this id; list them with GET /dead-letters',
        }),
      );
    wake();
    return jsonReply(202, result);
  }

  return [
    { method: 'GET', path: '/reconciliation', handle: reconciliation },
    { method: 'GET', path: '/dead-letters', handle: deadLetters },
    { method: 'POST', path: '/dead-letters/:id/redrive', handle: redrive },
  ];
}
