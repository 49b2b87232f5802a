/**
 * Least-significant-bit-first bit writer, the order of the WebP lossless
 * (VP8L) bit stream: the first bit written is bit 0 of the first byte.
 */
export class BitWriter {
  private buf = new Uint8Array(1 << 12);
  private pos = 0;
  /** Bits not yet flushed to `buf`, lowest first; never more than 31 of them. */
  private acc = 0;
  private used = 0;

  /** Write the low `n` bits of `value` (n ≤ 24). */
  write(value: number, n: number): void {
    this.acc |= value << this.used;
    this.used += n;
    while (this.used >= 8) {
      if (this.pos === this.buf.length) this.grow();
      this.buf[this.pos++] = this.acc & 0xff;
      this.acc >>>= 8;
      this.used -= 8;
    }
  }

  /** The bytes written, the last one padded with zero bits. */
  finish(): Uint8Array {
    if (this.used > 0) this.write(0, 8 - this.used);
    return this.buf.slice(0, this.pos);
  }

  private grow(): void {
    const next = new Uint8Array(this.buf.length * 2);
    next.set(this.buf);
    this.buf = next;
  }
}
