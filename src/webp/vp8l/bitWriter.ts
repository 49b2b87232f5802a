/**
 * Least-significant-bit-first bit writer, the order of the WebP lossless
 * (VP8L) bit stream: the first bit written is bit 0 of the first byte.
 * Whole bytes go to the project's growable ByteBuffer.
 */
import { ByteBuffer } from '../../gif/byteBuffer';

export class BitWriter {
  private readonly out = new ByteBuffer(1 << 12);
  /** Bits not yet written as a byte, lowest first; never more than 31 of them. */
  private acc = 0;
  private used = 0;

  /** Write the low `n` bits of `value` (n ≤ 24). */
  write(value: number, n: number): void {
    this.acc |= value << this.used;
    this.used += n;
    while (this.used >= 8) {
      this.out.byte(this.acc & 0xff);
      this.acc >>>= 8;
      this.used -= 8;
    }
  }

  /** The bytes written, the last one padded with zero bits. */
  finish(): Uint8Array {
    if (this.used > 0) this.write(0, 8 - this.used);
    return this.out.toBytes();
  }
}
