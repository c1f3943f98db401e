import { recordAttempts } from '../../checks/index.ts';
import type { LedgerEntry } from '../../evidence/ledger-entry.ts';
import type { ConformanceTest } from '../conformance-suite.ts';
import type { SenderAdapter } from './role-adapter.ts';

/** Steps the profiles share: reading what a peer received, waiting for delivery, dead letters. */

export function peerEntries(t: ConformanceTest, sender: SenderAdapter): Promise<readonly LedgerEntry[]> {
  return t.env.mock(sender.peer).ledgerEntries();
}

/** Ends the test as not applicable unless the target declares `name` among its interfaces, `as` given. */
export function requireInterface(t: ConformanceTest, name: string, as: 'sender' | 'receiver'): void {
  const declared = (t.env.capabilities.interfaces ?? []) as readonly { name?: string; as?: string }[];
  if (!declared.some((i) => i.name === name && i.as === as))
    t.notApplicable(
      `the target does not declare ${name} as an interface it ${as === 'sender' ? 'sends' : 'receives'}`,
    );
}

/** Ends the test as not applicable unless the target declares that it sends on this interface. */
export function requireSends(t: ConformanceTest, sender: SenderAdapter): void {
  requireInterface(t, sender.interface, 'sender');
}

/**
 * Waits until every record (by natural key) has a terminal answer from the peer (accepted,
 * duplicate or rejected), or the time is up; returns the peer's ledger either way so checks
 * judge it.
 */
export async function awaitSettled(
  t: ConformanceTest,
  sender: SenderAdapter,
  keys: readonly string[],
  timeoutMs: number,
): Promise<readonly LedgerEntry[]> {
  const wanted = new Set(keys);
  const settled = await t.waitFor(
    'every record answered',
    async () => {
      const entries = await peerEntries(t, sender);
      const done = new Set(
        recordAttempts(entries, sender.interface)
          .filter((a) => a.outcome !== null)
          .map((a) => String(a.record[sender.naturalKey])),
      );
      return [...wanted].every((k) => done.has(k)) ? entries : undefined;
    },
    { timeoutMs },
  );
  return settled ?? peerEntries(t, sender);
}

export interface DeadLetter {
  readonly id: string;
  readonly interface: string;
  readonly recordId: string;
  readonly attempts: number;
  readonly reason: string;
  readonly state: string;
  readonly lastError: { readonly type?: string };
}

/** The target's dead letters for one interface (GET /dead-letters?interface=…). */
export async function deadLetters(t: ConformanceTest, iface: string): Promise<DeadLetter[]> {
  const answer = await t.env.sut.get(`/dead-letters?interface=${iface}`, {
    interface: 'dead-letters',
    responseType: 'dead-letters/list',
  });
  const items = (answer.body as { items?: DeadLetter[] } | null)?.items;
  return answer.status === 200 && Array.isArray(items) ? items : [];
}
