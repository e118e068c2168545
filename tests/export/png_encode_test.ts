/**
 * Our PNG encoder keeps resvg's pixels exactly: the file decodes (with tests/png.ts, and with Python's own zlib
 * in tests/png_decode.py) to resvg's `render().pixels`, and to what resvg's own `asPng()` file decodes to, for
 * opaque figures (the shipped data's SVG snapshots, stored as RGB) and for translucent ones (labelled synthetic,
 * stored as demultiplied RGBA).
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { renderSvg, svgToPng } from "../../lib/export/png.ts";
import { encodePng } from "../../lib/export/png_encode.ts";
import { decodePng, type Pixels } from "../png.ts";
import { ROOT } from "../helpers.ts";

const SNAPSHOTS = join(ROOT, "tests/plot/__snapshots__");
const shipped = [...Deno.readDirSync(SNAPSHOTS)].filter((e) => e.name.endsWith(".svg")).map((e) => e.name)
  .sort().slice(0, 3).map((name) => Deno.readTextFileSync(join(SNAPSHOTS, name)));

/** Labelled synthetic: 40 × 30, opaque rows 0–9 and the first 7 pixels of row 10, then translucent and empty. */
const TRANSLUCENT = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30">
  <rect x="0" y="0" width="40" height="10" fill="#4269d0"/>
  <rect x="0" y="10" width="7" height="1" fill="#efb118"/>
  <circle cx="20" cy="20" r="9" fill="#ff725c" fill-opacity="0.37"/>
  <rect x="25" y="12" width="12" height="16" fill="#3ca951" opacity="0.61"/>
  <circle cx="8" cy="22" r="5" fill="#a463f2"/>
</svg>`;

/**
 * Labelled synthetic: two crossing translucent gradients, 256 × 256, over nothing: 21 753 distinct (alpha, colour)
 * pairs, 427 of them straight values that fall exactly on a half, where rounding choices part.
 */
const GRADIENTS = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256">
  <linearGradient id="h"><stop offset="0" stop-opacity="0.05"/><stop offset="1" stop-color="#ff40c0" stop-opacity="0.9"/>
  </linearGradient>
  <linearGradient id="v" x2="0" y2="1"><stop offset="0" stop-color="#20ff00" stop-opacity="0.02"/>
    <stop offset="1" stop-color="#0030ff" stop-opacity="0.7"/></linearGradient>
  <rect width="256" height="256" fill="url(#h)"/><rect width="256" height="256" fill="url(#v)"/>
</svg>`;

/** Distinct (alpha, premultiplied colour) pairs whose straight value c·255/a is exactly k + ½. */
function halves(premultiplied: Uint8Array): number {
  const found = new Set<number>();
  for (let i = 0; i < premultiplied.length; i += 4) {
    const a = premultiplied[i + 3];
    for (let c = 0; c < 3; c++) {
      const twice = 2 * premultiplied[i + c] * 255;
      if (a > 0 && twice % a === 0 && (twice / a) % 2 === 1) found.add(a * 256 + premultiplied[i + c]);
    }
  }
  return found.size;
}

/** RGBA bytes of a decoded PNG (RGB gets alpha 255). */
function rgba(p: Pixels): Uint8Array {
  if (p.channels === 4) return p.data;
  const out = new Uint8Array(p.width * p.height * 4).fill(255);
  for (let i = 0, j = 0; i < p.data.length; i += 3, j += 4) out.set(p.data.subarray(i, i + 3), j);
  return out;
}

function colourType(png: Uint8Array): number {
  return png[25];
}

/** `width height sha256` of the pixels as tests/png_decode.py (Python's zlib) reads the file. */
async function pythonReads(png: Uint8Array): Promise<string> {
  const file = await Deno.makeTempFile({ suffix: ".png" });
  try {
    await Deno.writeFile(file, png);
    const out = await new Deno.Command("/usr/bin/python3", {
      args: [join(ROOT, "tests/png_decode.py"), file],
    })
      .output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    return new TextDecoder().decode(out.stdout).trim();
  } finally {
    await Deno.remove(file);
  }
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

Deno.test("PNG encoder: a shipped figure decodes to resvg's pixels and to resvg's own PNG's pixels, stored as RGB", async () => {
  assert.ok(shipped.length === 3);
  for (const [i, svg] of shipped.entries()) {
    const image = renderSvg(svg);
    const pixels = new Uint8Array(image.pixels);
    assert.ok(pixels.every((v, j) => j % 4 !== 3 || v === 255), "the report's figures are opaque");
    const png = svgToPng(svg);
    assert.equal(colourType(png), 2, `figure ${i}: RGB`);
    const ours = decodePng(png);
    assert.deepEqual([ours.width, ours.height], [image.width, image.height]);
    assert.ok(Buffer.compare(rgba(ours), pixels) === 0, `figure ${i}: our PNG decodes to render().pixels`);
    assert.ok(
      Buffer.compare(rgba(decodePng(image.asPng())), pixels) === 0,
      `figure ${i}: so does resvg's PNG`,
    );
    assert.equal(
      await pythonReads(png),
      `${image.width} ${image.height} ${sha256(pixels)}`,
      `figure ${i}: Python`,
    );
  }
});

Deno.test("PNG encoder: translucent pixels (labelled synthetic) are demultiplied exactly as resvg's asPng() does", async () => {
  const cases = [[TRANSLUCENT, "transparent"], [TRANSLUCENT, "#ffffff80"], [GRADIENTS, "transparent"]];
  for (const [svg, background] of cases) {
    const image = renderSvg(svg, { scale: 1, background });
    const premultiplied = new Uint8Array(image.pixels);
    const alphas = new Set(premultiplied.filter((_, j) => j % 4 === 3));
    assert.ok(alphas.size > 4, `${background}: translucent pixels: ${[...alphas]}`);
    if (svg === TRANSLUCENT) assert.ok(alphas.has(255) && premultiplied[3] === 255, "opaque first, then not");
    else assert.ok(halves(premultiplied) > 400, "straight values on exact halves");
    const png = encodePng(image.pixels, image.width, image.height);
    assert.equal(colourType(png), 6, `${background}: RGBA`);
    const want = decodePng(image.asPng());
    assert.equal(want.channels, 4);
    assert.ok(Buffer.compare(want.data, premultiplied) !== 0, `${background}: demultiplying changes pixels`);
    assert.ok(Buffer.compare(decodePng(png).data, want.data) === 0, `${background}: same pixels as asPng()`);
    assert.equal(await pythonReads(png), `${image.width} ${image.height} ${sha256(want.data)}`);
  }
});

Deno.test("PNG encoder: the same bytes from a buffer that is not word-aligned, and a wrong size is refused", () => {
  for (
    const [svg, opts] of [[shipped[0], { scale: 1 }], [TRANSLUCENT, {
      scale: 1,
      background: "transparent",
    }]] as const
  ) {
    const image = renderSvg(svg, opts);
    const aligned = encodePng(image.pixels, image.width, image.height);
    const shifted = new Uint8Array(image.pixels.length + 1).subarray(1);
    shifted.set(image.pixels);
    assert.deepEqual(encodePng(shifted, image.width, image.height), aligned);
  }
  assert.throws(() => encodePng(new Uint8Array(4 * 6), 2, 2), /24 bytes are not 2 × 2 RGBA pixels/);
});
