/**
 * Every figure of the shipped data, byte for byte: SVG snapshots in __snapshots__/ and PNG sha256s.
 * Regenerate after an intended change with UPDATE_SNAPSHOTS=1 and review the diff.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { shippedFigures } from "./shipped.ts";
import * as vb from "../../lib/mod.ts";
import { HAVE_DATA, ROOT } from "../helpers.ts";

const SNAPSHOTS = join(ROOT, "tests/plot/__snapshots__");
const UPDATE = Deno.env.get("UPDATE_SNAPSHOTS") === "1";

Deno.test({
  name: "figures of the shipped data match their SVG snapshots and PNG hashes byte for byte",
  ignore: !HAVE_DATA,
  fn: async () => {
    const figures = await shippedFigures();
    assert.equal(new Set(figures.map((f) => f.id)).size, figures.length, "ids are unique");
    const hashesPath = join(SNAPSHOTS, "png.sha256.json");
    const hashes: Record<string, string> = UPDATE ? {} : JSON.parse(Deno.readTextFileSync(hashesPath));
    for (const fig of figures) {
      const svg = vb.figureToSvg(fig);
      assert.match(
        svg,
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/,
      );
      assert.match(svg, /font-family="'DejaVu Sans'/);
      const png = vb.svgToPng(svg);
      const sha = createHash("sha256").update(png).digest("hex");
      assert.equal(
        createHash("sha256").update(vb.svgToPng(svg)).digest("hex"),
        sha,
        `${fig.id}: PNG identical across renders`,
      );
      const file = join(SNAPSHOTS, `${fig.id}.svg`);
      if (UPDATE) {
        Deno.mkdirSync(SNAPSHOTS, { recursive: true });
        Deno.writeTextFileSync(file, svg);
        hashes[fig.id] = sha;
      } else {
        const want = Deno.readTextFileSync(file);
        assert.ok(
          svg === want,
          `${fig.id}: SVG differs from its snapshot (UPDATE_SNAPSHOTS=1 to accept): ${firstDiff(svg, want)}`,
        );
        assert.equal(sha, hashes[fig.id], `${fig.id}: PNG differs from its recorded hash`);
      }
    }
    if (UPDATE) Deno.writeTextFileSync(hashesPath, JSON.stringify(hashes, null, 1) + "\n");
  },
});

/** Where two texts first differ, with some context either side. */
function firstDiff(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at character ${i}: ${JSON.stringify(a.slice(i - 60, i + 60))} vs ${
    JSON.stringify(b.slice(i - 60, i + 60))
  }`;
}
