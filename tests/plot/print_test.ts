/**
 * Figures for a paper: every report figure of the shipped data, laid out at a journal's column (3.5 in) and page
 * (7 in) width, exported as PDF and checked with poppler's tools the way a publisher's system would see it:
 * every font embedded (pdffonts), the page exactly the asked width (pdfinfo), no text below 7 pt (the word
 * boxes of pdftotext -bbox), and the PDF rendered back to pixels (pdftoppm) looks like our PNG of the same SVG.
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import * as vb from "../../lib/mod.ts";
import { reportFigures } from "../../lib/present/report_figures.ts";
import { MIN_PRINT_PT, parseFigureWidth } from "../../lib/plot/size.ts";
import { decodePng, type Pixels } from "../png.ts";
import { DATA, HAVE_DATA, tempDir } from "../helpers.ts";

const havePoppler = ["pdffonts", "pdfinfo", "pdftotext", "pdftoppm"].every((tool) => {
  try {
    return new Deno.Command(tool, { args: ["-v"], stdout: "null", stderr: "null" }).outputSync().code !== 127;
  } catch {
    return false;
  }
});

function run(tool: string, ...args: string[]): string {
  const out = new Deno.Command(tool, { args, stdout: "piped", stderr: "piped" }).outputSync();
  assert.ok(out.success, `${tool} ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  return new TextDecoder().decode(out.stdout);
}

/** pdffonts' table → [name, embedded] per font. */
function fonts(pdf: string): { name: string; embedded: boolean }[] {
  return run("pdffonts", pdf).split("\n").slice(2).filter((l) => l.trim()).map((l) => {
    const cols = l.trim().split(/\s+/);
    return { name: cols[0], embedded: cols[cols.length - 5] === "yes" };
  });
}

/**
 * The smallest text in points: pdftotext's word boxes span the font's ascent to its descent, which for DejaVu
 * Sans is 1.164 em (ascender 0.928 + descender 0.236), so a box's height / 1.164 is the font size.
 */
function smallestText(pdf: string): { pt: number; word: string } {
  let smallest = { pt: Infinity, word: "" };
  for (
    const m of run("pdftotext", "-bbox", pdf, "-").matchAll(
      /yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g,
    )
  ) {
    const pt = (Number(m[2]) - Number(m[1])) / 1.164;
    if (pt < smallest.pt) smallest = { pt, word: m[3] };
  }
  return smallest;
}

/** A binary PPM (pdftoppm's output) as RGB pixels. */
function readPpm(bytes: Uint8Array): { width: number; height: number; rgb: Uint8Array } {
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)!;
  return { width: Number(head[1]), height: Number(head[2]), rgb: bytes.subarray(head[0].length) };
}

/** Mean absolute channel difference (0–255) and the share of pixels off by more than a quarter of the range. */
function difference(png: Pixels, ppm: ReturnType<typeof readPpm>): { mean: number; far: number } {
  const w = Math.min(png.width, ppm.width), h = Math.min(png.height, ppm.height);
  let sum = 0, far = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const a = (y * png.width + x) * png.channels, b = (y * ppm.width + x) * 3;
      let d = 0;
      for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(png.data[a + c] - ppm.rgb[b + c]));
      sum += d;
      if (d > 64) far++;
    }
  }
  return { mean: sum / (w * h), far: far / (w * h) };
}

Deno.test({
  name:
    "print: every report figure at column and page width as PDF — fonts embedded, page width, text ≥ 7 pt, looks like the PNG",
  ignore: !HAVE_DATA || !havePoppler,
  fn: async () => {
    const root = relative(Deno.cwd(), DATA) || ".";
    const disk = await vb.analyse(root, { tool: "fio" });
    const net = await vb.analyse(root, { tool: vb.NETWORK_TOOLS });
    const dir = tempDir("vb-print-");
    const problems: string[] = [];
    let checked = 0;
    for (const [name, pt] of [["column", 252], ["page", 504]] as const) {
      const width = parseFigureWidth(name)!;
      const figures = [
        ...reportFigures(disk, { width }),
        ...reportFigures(net, { width, noTitles: true }),
        { ...vb.forestFigure(disk, { width, theme: "dark" }), id: "disk-forest-dark" },
      ];
      for (const fig of figures) {
        const files = await vb.figureFiles(fig, {
          formats: ["png", "pdf"],
          theme: fig.id.endsWith("dark") ? "dark" : "light",
        });
        const pdf = join(dir, `${name}-${fig.id}.pdf`);
        Deno.writeFileSync(pdf, files.get("pdf")!.data as Uint8Array);
        const where = `${name} ${fig.id}`;
        const found = fonts(pdf);
        if (found.length === 0 || found.some((f) => !f.embedded)) {
          problems.push(`${where}: fonts ${JSON.stringify(found)}`);
        }
        const size = run("pdfinfo", pdf).match(/Page size:\s+([\d.]+) x ([\d.]+) pts/)!;
        if (Math.abs(Number(size[1]) - pt) > 0.5) {
          problems.push(`${where}: page ${size[1]} pt wide, not ${pt}`);
        }
        const small = smallestText(pdf);
        // 0.05 pt: pdftotext rounds its boxes
        if (small.pt < MIN_PRINT_PT - 0.05) {
          problems.push(`${where}: "${small.word}" at ${small.pt.toFixed(2)} pt`);
        }
        run("pdftoppm", "-r", "192", "-singlefile", pdf, join(dir, "back"));
        const diff = difference(
          decodePng(files.get("png")!.data as Uint8Array),
          readPpm(Deno.readFileSync(join(dir, "back.ppm"))),
        );
        if (diff.mean > 4 || diff.far > 0.025) {
          problems.push(
            `${where}: PDF differs from the PNG (mean ${diff.mean.toFixed(2)}, ${
              (100 * diff.far).toFixed(2)
            } % far)`,
          );
        }
        checked++;
      }
    }
    Deno.removeSync(dir, { recursive: true });
    assert.ok(checked >= 40, `${checked} figures checked`);
    assert.deepEqual(problems, []);
  },
});

Deno.test({
  name:
    "print: the checks see what they claim — 8 px text measures 6 pt, the page width, the font listed as embedded",
  ignore: !havePoppler,
  fn: async () => {
    const dir = tempDir("vb-print-");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="336" height="60" font-family="DejaVu Sans">` +
      `<text x="10" y="20" font-size="8">small</text><text x="10" y="50" font-size="16">large</text></svg>`;
    const pdf = join(dir, "probe.pdf");
    Deno.writeFileSync(pdf, await vb.svgToPdf(svg));
    const small = smallestText(pdf);
    assert.equal(small.word, "small");
    assert.ok(Math.abs(small.pt - 6) < 0.15, `${small.pt} pt`);
    assert.match(run("pdfinfo", pdf), /Page size:\s+252 x 45 pts/);
    assert.deepEqual(fonts(pdf).map((f) => f.embedded), [true]);
    Deno.removeSync(dir, { recursive: true });
  },
});
