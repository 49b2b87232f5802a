/**
 * The output side of GIF LZW: codes of a growing width packed LSB-first into
 * sub-blocks of at most 255 bytes, after the min-code-size byte and before the
 * terminator. The width follows the classic rules (compress/GIFCOMPR.C, gifenc):
 * it grows once the dictionary's next free code no longer fits, up to 12 bits,
 * and returns to minCodeSize + 1 right after a clear code.
 */
import type { ByteBuffer } from './byteBuffer';

export const MAX_BITS = 12;
export const MAX_CODES = 1 << MAX_BITS;

/** Shared scratch (encoding is synchronous). */
const block = new Uint8Array(256);

export class LzwCodeWriter {
  private nBits: number;
  private maxCode: number;
  private acc = 0;
  private accBits = 0;
  private blockLen = 0;

  constructor(private readonly out: ByteBuffer, private readonly minCodeSize: number) {
    this.nBits = minCodeSize + 1;
    this.maxCode = (1 << this.nBits) - 1;
    out.byte(minCodeSize);
  }

  /** Write `code`; `free` is the dictionary's next free code, which decides the width of the next one. */
  code(code: number, free: number): void {
    this.pack(code);
    // Widen codes once the next code would not fit (the decoder does the same one step later).
    if (free > this.maxCode) {
      this.nBits++;
      this.maxCode = this.nBits === MAX_BITS ? MAX_CODES : (1 << this.nBits) - 1;
    }
  }

  /** Write the clear code; the codes after it start at the narrowest width again. */
  clear(clearCode: number): void {
    this.pack(clearCode);
    this.nBits = this.minCodeSize + 1;
    this.maxCode = (1 << this.nBits) - 1;
  }

  /** Flush the last bits and sub-block, and write the terminator. */
  finish(): void {
    if (this.accBits > 0) this.byte(this.acc & 255);
    if (this.blockLen > 0) {
      this.out.byte(this.blockLen);
      this.out.bytes(block, 0, this.blockLen);
    }
    this.out.byte(0);
  }

  private pack(code: number): void {
    this.acc |= code << this.accBits;
    this.accBits += this.nBits;
    while (this.accBits >= 8) {
      this.byte(this.acc & 255);
      this.acc >>>= 8;
      this.accBits -= 8;
    }
  }

  private byte(b: number): void {
    block[this.blockLen++] = b;
    if (this.blockLen === 255) {
      this.out.byte(255);
      this.out.bytes(block, 0, 255);
      this.blockLen = 0;
    }
  }
}
