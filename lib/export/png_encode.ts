/**
 * A PNG file from resvg's rendered pixels, encoded here rather than by resvg's `asPng()` (which took half of a
 * figure's PNG time). Same pixels as resvg's own file: an opaque image is stored as RGB (colour type 2), any
 * other as RGBA (type 6) demultiplied with tiny-skia's own rounding (`PremultipliedColorU8::demultiply`, which
 * `asPng()` applies). Rows are stored unfiltered and deflated at level 4: on the shipped data's 32 figures the
 * adaptive filters cost more time in JavaScript than they saved bytes, and level 4 gives 2.7 MB in ~4 ms a figure
 * against resvg's 4.0 MB in ~25 ms (levels 2–6 measured; 5 and 6 cost 1.5–4 ms more for 4–6 % fewer bytes).
 * Chunks as resvg writes them: IHDR, one IDAT, IEND (no pHYs, gAMA or sRGB).
 * @module
 */
import { crc32, deflateSync } from "node:zlib";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const LEVEL = 4;
/** Whether typed arrays are little-endian here (every platform Deno ships for is). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The PNG of `width` × `height` premultiplied RGBA pixels (tiny-skia's layout, as resvg's `render().pixels` gives
 * them). `pixels` is used as scratch space and holds garbage afterwards: packing the rows in place spares a copy
 * as large as the image (173 MB for the tallest figure at 20× the shipped data).
 */
export function encodePng(pixels: Uint8Array, width: number, height: number): Uint8Array {
  if (pixels.length !== width * height * 4) {
    throw new Error(`encodePng: ${pixels.length} bytes are not ${width} × ${height} RGBA pixels`);
  }
  const opaque = packOpaqueRows(pixels, width, height);
  const rgb = opaque === width * height;
  const rows = rgb ? pixels.subarray(0, height * (3 * width + 1)) : rgbaRows(pixels, width, height, opaque);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, rgb ? 2 : 6, 0, 0, 0], 8); // 8 bits, colour type, deflate, no filter set, not interlaced
  return concat([
    Uint8Array.from(SIGNATURE),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: LEVEL })),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

/**
 * Rewrites the pixels, in place and in order, as PNG rows of filter type 0 and RGB, and stops at the first pixel
 * that is not opaque; returns how many pixels it packed. Pixel p of row y lands at y·(3w + 1) + 1 + 3x, always
 * before byte 4p + 4, so no pixel is overwritten before it is read; the ones from the stop on are untouched.
 */
function packOpaqueRows(pixels: Uint8Array, width: number, height: number): number {
  if (pixels.byteOffset % 4 !== 0 || !LITTLE_ENDIAN) return packOpaqueBytes(pixels, width, height);
  // Signed words: unsigned ones above 2³¹ fall off V8's fast integer path (a third slower).
  const words = new Int32Array(pixels.buffer, pixels.byteOffset, width * height);
  let p = 0, out = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      const word = words[p]; // little-endian: R, G, B, A from the low byte up
      if (word >> 24 !== -1) return p;
      if (x === 0) pixels[out++] = 0;
      pixels[out++] = word;
      pixels[out++] = word >> 8;
      pixels[out++] = word >> 16;
    }
  }
  return p;
}

/** {@link packOpaqueRows} a byte at a time, for a buffer that is not word-aligned or a big-endian machine. */
function packOpaqueBytes(pixels: Uint8Array, width: number, height: number): number {
  let p = 0, out = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      const i = 4 * p;
      if (pixels[i + 3] !== 255) return p;
      const r = pixels[i], g = pixels[i + 1], b = pixels[i + 2];
      if (x === 0) pixels[out++] = 0;
      pixels[out++] = r;
      pixels[out++] = g;
      pixels[out++] = b;
    }
  }
  return p;
}

/**
 * PNG rows of filter type 0 and straight RGBA, from pixels whose first `packed` were packed as opaque RGB by
 * {@link packOpaqueRows} and whose rest are still premultiplied RGBA.
 */
function rgbaRows(pixels: Uint8Array, width: number, height: number, packed: number): Uint8Array {
  const rows = new Uint8Array(height * (4 * width + 1));
  let p = 0, out = 0;
  for (let y = 0; y < height; y++) {
    rows[out++] = 0;
    for (let x = 0; x < width; x++, p++) {
      if (p < packed) {
        const i = y * (3 * width + 1) + 1 + 3 * x;
        rows.set(pixels.subarray(i, i + 3), out);
        rows[out + 3] = 255;
      } else {
        const i = 4 * p, a = pixels[i + 3];
        for (let c = 0; c < 3; c++) rows[out + c] = demultiply(pixels[i + c], a);
        rows[out + 3] = a;
      }
      out += 4;
    }
  }
  return rows;
}

/** tiny-skia's rounding: (c / (a / 255) + 0.5) in f64, truncated and saturated to a byte (0 / 0 gives 0). */
function demultiply(c: number, a: number): number {
  if (a === 255) return c;
  if (a === 0) return 0;
  return Math.min(255, Math.trunc(c / (a / 255) + 0.5));
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
