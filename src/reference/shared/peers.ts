import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from './database.ts';

/**
 * Where each peer is served, kept in the role's database so a restarted process still knows.
 * Configuration, not state: a conformance reset leaves it alone.
 */
export class Peers {
  readonly #db: DatabaseSync;
  #byName: Map<string, string>;

  constructor(db: DatabaseSync, initial: Readonly<Record<string, string>> = {}) {
    this.#db = db;
    db.exec('CREATE TABLE IF NOT EXISTS peers (name TEXT PRIMARY KEY, baseUrl TEXT NOT NULL)');
    const stored = db.prepare('SELECT name, baseUrl FROM peers').all() as unknown as {
      name: string;
      baseUrl: string;
    }[];
    this.#byName = new Map(stored.map((row) => [row.name, row.baseUrl]));
    if (Object.keys(initial).length > 0) this.replace({ ...Object.fromEntries(this.#byName), ...initial });
  }

  baseUrl(name: string): string | undefined {
    return this.#byName.get(name);
  }

  /** Replaces every peer at once (PUT semantics). */
  replace(peers: Readonly<Record<string, string>>): void {
    inTransaction(this.#db, () => {
      this.#db.exec('DELETE FROM peers');
      const insert = this.#db.prepare('INSERT INTO peers (name, baseUrl) VALUES (?, ?)');
      for (const [name, baseUrl] of Object.entries(peers)) insert.run(name, baseUrl);
    });
    this.#byName = new Map(Object.entries(peers));
  }
}
