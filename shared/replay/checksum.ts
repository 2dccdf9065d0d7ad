/**
 * A cheap deterministic hash of a world, for the checksums a tick log carries: FNV-1a over
 * the exact bits of every number, so two worlds hash alike only if they agree bit for bit.
 * Not cryptographic; it catches drift, not forgery.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class Hasher {
  private h = FNV_OFFSET;
  private readonly view = new DataView(new ArrayBuffer(8));

  /** Any number, by its float64 bits (-0 counts as 0: JSON, which keyframes pass through, drops the sign). */
  num(x: number): this {
    this.view.setFloat64(0, x === 0 ? 0 : x);
    this.word(this.view.getUint32(0));
    return this.word(this.view.getUint32(4));
  }

  bool(b: boolean): this {
    return this.word(b ? 1 : 0);
  }

  str(s: string): this {
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
    return this;
  }

  /** The hash so far, as an unsigned 32-bit integer. */
  digest(): number {
    return this.h >>> 0;
  }

  private word(w: number): this {
    let h = this.h;
    for (let i = 0; i < 4; i++) {
      h ^= (w >>> (i * 8)) & 0xff;
      h = Math.imul(h, FNV_PRIME);
    }
    this.h = h;
    return this;
  }
}
