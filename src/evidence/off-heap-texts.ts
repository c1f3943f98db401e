import { closeSync, ftruncateSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

type SpillFile = { readonly fd: number; readonly folder: string | null };

/** Closes (and where needed removes) the spill file of a store nobody disposed of. */
const spillFiles = new FinalizationRegistry<SpillFile>(release);

function release(file: SpillFile): void {
  try {
    closeSync(file.fd);
  } catch {
    // Already closed.
  }
  if (file.folder !== null) rmSync(file.folder, { recursive: true, force: true });
}

/**
 * Texts kept outside the JavaScript heap, in order, until they are taken back. Each text is
 * written as UTF-8 into one reused buffer, which is appended to a temporary file whenever it
 * fills (an unlinked file where the system allows it, so nothing is left behind even by a
 * crash); the string itself dies young. For a record of thousands of texts a second that is read
 * rarely (a compact `Ledger`):
 * - kept as strings, every text written since the last young-generation collection is copied by
 *   the next one, and those copies are the collection's pause;
 * - kept in buffers of their own, the memory they hold counts towards the engine's external
 *   memory, which under load starts a full collection every second or two.
 * Where no temporary file can be made or written (a full disk), filled buffers stay in memory.
 */
export class OffHeapTexts {
  readonly #bufferBytes: number;
  #buffer: Buffer | null = null;
  /** Bytes of `#buffer` in use. */
  #used = 0;
  /** Bytes already written out: the file's first `#fileBytes`, then those of `#kept`. */
  #flushed = 0;
  #fileBytes = 0;
  #file: SpillFile | null = null;
  /** Set once no file could be made or written: from then on, filled buffers stay in memory. */
  #inMemory = false;
  #kept: Buffer[] = [];
  /** Per text: its start and end in the whole written sequence, in a growable off-heap array. */
  #bounds = new Float64Array(2 * 1024);
  #count = 0;

  /** `bufferBytes`: the size of the buffer texts are gathered in before each write. */
  constructor(bufferBytes = 256 * 1024) {
    this.#bufferBytes = bufferBytes;
  }

  get length(): number {
    return this.#count;
  }

  push(text: string): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    const start = this.#flushed + this.#used;
    if (bytes > this.#bufferBytes - this.#used) this.#flush();
    if (bytes > this.#bufferBytes) this.#writeOut(Buffer.from(text, 'utf8'));
    else {
      this.#buffer ??= Buffer.allocUnsafeSlow(this.#bufferBytes);
      this.#used += this.#buffer.write(text, this.#used, 'utf8');
    }
    if (2 * (this.#count + 1) > this.#bounds.length) {
      const grown = new Float64Array(this.#bounds.length * 2);
      grown.set(this.#bounds);
      this.#bounds = grown;
    }
    this.#bounds[2 * this.#count] = start;
    this.#bounds[2 * this.#count + 1] = start + bytes;
    this.#count++;
  }

  /** Every text pushed since the last `take` or `clear`, in order; then holds none. */
  take(): string[] {
    if (this.#count === 0) return [];
    const all = this.#readAll();
    const texts: string[] = new Array(this.#count);
    for (let i = 0; i < this.#count; i++)
      texts[i] = all.toString('utf8', this.#bounds[2 * i], this.#bounds[2 * i + 1]);
    this.clear();
    return texts;
  }

  clear(): void {
    this.#used = 0;
    this.#flushed = 0;
    this.#count = 0;
    this.#kept = [];
    if (this.#file !== null && this.#fileBytes > 0) ftruncateSync(this.#file.fd, 0);
    this.#fileBytes = 0;
  }

  /** Closes and removes the temporary file, if one was made; the texts are gone. */
  dispose(): void {
    this.clear();
    const file = this.#file;
    this.#file = null;
    if (file === null) return;
    spillFiles.unregister(this);
    release(file);
  }

  #flush(): void {
    if (this.#buffer === null || this.#used === 0) return;
    this.#writeOut(this.#buffer.subarray(0, this.#used));
    this.#used = 0;
  }

  /**
   * Appends `bytes` after what was written out before: to the file while it takes them, else
   * (no file, a full disk) to memory. Nothing pushed is lost either way.
   */
  #writeOut(bytes: Buffer): void {
    const file = this.#inMemory ? null : this.#openFile();
    if (file !== null) {
      try {
        let done = 0;
        while (done < bytes.length)
          done += writeSync(file.fd, bytes, done, bytes.length - done, this.#fileBytes + done);
        this.#fileBytes += bytes.length;
        this.#flushed += bytes.length;
        return;
      } catch {
        // What reached the file past #fileBytes is ignored; these bytes go to memory.
        this.#inMemory = true;
      }
    }
    this.#kept.push(Buffer.from(bytes));
    this.#flushed += bytes.length;
  }

  #readAll(): Buffer {
    const pending = this.#buffer?.subarray(0, this.#used) ?? Buffer.alloc(0);
    if (this.#flushed === 0) return pending;
    const all = Buffer.allocUnsafe(this.#flushed + pending.length);
    let done = 0;
    while (done < this.#fileBytes) {
      const read = readSync((this.#file as SpillFile).fd, all, done, this.#fileBytes - done, done);
      if (read === 0)
        throw new Error(`the ledger's spill file ended after ${done} of ${this.#fileBytes} bytes`);
      done += read;
    }
    for (const kept of this.#kept) done += kept.copy(all, done);
    pending.copy(all, done);
    return all;
  }

  #openFile(): SpillFile | null {
    if (this.#file !== null) return this.#file;
    try {
      const folder = mkdtempSync(path.join(tmpdir(), 'tekigo-ledger-'));
      const name = path.join(folder, 'entries');
      const fd = openSync(name, 'w+', 0o600);
      // Removed at once where an open file can be: the descriptor keeps it, and nothing stays.
      try {
        rmSync(folder, { recursive: true, force: true });
        this.#file = { fd, folder: null };
      } catch {
        this.#file = { fd, folder };
      }
      spillFiles.register(this, this.#file, this);
    } catch {
      this.#inMemory = true;
    }
    return this.#file;
  }
}
