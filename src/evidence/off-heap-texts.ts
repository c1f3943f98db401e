/**
 * Texts kept outside the JavaScript heap, in order, until they are taken back. Each text is
 * written as UTF-8 into large buffers whose memory the garbage collector never copies or scans;
 * the string itself dies young. For a record of thousands of texts a second that is read rarely
 * (a compact `Ledger`): kept as strings, every text written since the last young-generation
 * collection is copied by the next one, and those copies are the collection's pause.
 */
export class OffHeapTexts {
  readonly #chunkBytes: number;
  #chunks: Buffer[] = [];
  /** Where the current chunk is written up to. */
  #used = 0;
  /** Per text: its chunk, start and end (three slots each), in a growable off-heap array. */
  #bounds = new Uint32Array(3 * 1024);
  #count = 0;

  /** `chunkBytes`: the size of each buffer (a longer text gets one of its own size). */
  constructor(chunkBytes = 4 * 1024 * 1024) {
    this.#chunkBytes = chunkBytes;
  }

  get length(): number {
    return this.#count;
  }

  push(text: string): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    let chunk = this.#chunks.at(-1);
    if (chunk === undefined || chunk.length - this.#used < bytes) {
      // Not from Node's shared pool: each chunk is its own allocation, freed as a whole.
      chunk = Buffer.allocUnsafeSlow(Math.max(this.#chunkBytes, bytes));
      this.#chunks.push(chunk);
      this.#used = 0;
    }
    const start = this.#used;
    this.#used += chunk.write(text, start, 'utf8');
    if (3 * (this.#count + 1) > this.#bounds.length) {
      const grown = new Uint32Array(this.#bounds.length * 2);
      grown.set(this.#bounds);
      this.#bounds = grown;
    }
    const at = 3 * this.#count++;
    this.#bounds[at] = this.#chunks.length - 1;
    this.#bounds[at + 1] = start;
    this.#bounds[at + 2] = this.#used;
  }

  /** Every text pushed since the last `take` or `clear`, in order; then holds none. */
  take(): string[] {
    const texts: string[] = new Array(this.#count);
    for (let i = 0; i < this.#count; i++) {
      const chunk = this.#chunks[this.#bounds[3 * i] as number] as Buffer;
      texts[i] = chunk.toString('utf8', this.#bounds[3 * i + 1], this.#bounds[3 * i + 2]);
    }
    this.clear();
    return texts;
  }

  clear(): void {
    this.#chunks = [];
    this.#used = 0;
    this.#count = 0;
  }
}
