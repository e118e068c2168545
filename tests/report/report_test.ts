/** The report command end to end: real data in, files out, exit codes, least permissions. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { decodePng, inkStats } from "../png.ts";
import { haveChromium, screenshot } from "../chromium.ts";
import { checksums, CORPUS, DATA, HAVE_CORPUS, HAVE_DATA, ROOT, tempDir } from "../helpers.ts";
import { report, subset } from "./run.ts";

Deno.test({
  name: "report on the shipped data: md, self-contained html, csv, json and figures; summary line",
  ignore: !HAVE_DATA,
  fn: async () => {
    const out = tempDir("vb-report-");
    const before = await checksums(DATA);
    const r = await report(DATA, "--out", out);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await checksums(DATA), before, "the data folder is byte-identical after the report");
    assert.match(
      r.stderr,
      /^report: \d+ comparisons \(\d+ better, \d+ worse, \d+ ~, \d+ insufficient\); \d+ with warnings; \d+ file warnings? → .*report\.html\n$/,
    );
    const html = Deno.readTextFileSync(join(out, "report.html"));
    assert.ok((html.match(/<svg/g) ?? []).length >= 8, "figures inline");
    assert.doesNotMatch(
      html.replace(/xmlns(:xlink)?="[^"]*"/g, ""),
      /(src|href)="(https?:)?\/\//,
      "no network references",
    );
    const csv = Deno.readTextFileSync(join(out, "results.csv")).trim().split("\n");
    const json = JSON.parse(Deno.readTextFileSync(join(out, "results.json")));
    assert.equal(csv.length - 1, json.length);
    const header = csv[0].split(",");
    for (const column of ["os", "workload", "rw", "bs", "iodepth", "protocol"]) {
      assert.ok(header.includes(column), `results.csv has a ${column} column: ${csv[0]}`);
    }
    assert.ok(
      json.some((row: { verdict: string }) => row.verdict !== "~"),
      "some difference is detected in the shipped data",
    );
    const md = Deno.readTextFileSync(join(out, "report.md"));
    assert.match(md, /## fio/);
    assert.match(md, /## iperf3 \+ iperf2/);
    const figures = [...Deno.readDirSync(join(out, "figures"))].map((e) => e.name);
    assert.ok(figures.includes("disk-forest.svg") && figures.includes("disk-forest.png"));
    if (haveChromium) {
      const shot = join(ROOT, "out/screenshots/report.png");
      Deno.mkdirSync(join(ROOT, "out/screenshots"), { recursive: true });
      await screenshot(`file://${join(out, "report.html")}`, shot, 1200, 1800);
      const ink = inkStats(decodePng(Deno.readFileSync(shot)));
      assert.ok(ink.colors > 20 && ink.inked > 0.05, `report screenshot is blank: ${JSON.stringify(ink)}`);
    }
    Deno.removeSync(out, { recursive: true });
  },
});

Deno.test({
  name: "report compare mode (before/after like benchstat) and --check exit codes",
  ignore: !HAVE_DATA,
  fn: async () => {
    // Same driver, different repetitions: nothing should be called a difference with confidence.
    const before = subset(["virtio-blk"], [1, 2, 3]),
      after = subset(["ide"], [1, 2, 3], { ide: "virtio-blk" });
    const out = tempDir("vb-cmp-");
    const r = await report(
      join(before, "disk"),
      join(after, "disk"),
      "--out",
      out,
      "--format",
      "csv,json",
      "--check",
    );
    const rows = JSON.parse(Deno.readTextFileSync(join(out, "results.json")));
    assert.ok(rows.length > 0);
    assert.ok(rows.every((row: { by: string }) => row.by === "run"));
    const worse = rows.filter((row: { verdict: string; family: string }) =>
      row.verdict === "worse" && row.family === "headline"
    ).length;
    assert.equal(r.code, worse > 0 ? 1 : 0, r.stderr);
    if (worse) {
      assert.match(r.stderr, /^check: worse: .*slower, interval \[/m);
    }
    const same = await report(
      join(before, "disk"),
      join(before, "disk"),
      "--out",
      out,
      "--format",
      "json",
      "--check",
    );
    // A folder against itself measures nothing: said, and --check stays undecided (issue 30).
    assert.equal(same.code, 4, same.stderr);
    assert.match(same.stderr, /^check: .* are the same folder: every run would be compared with itself/m);
    const identical = JSON.parse(Deno.readTextFileSync(join(out, "results.json")));
    assert.ok(
      identical.every((row: { verdict: string }) =>
        row.verdict === "~" || row.verdict === "insufficient"
      ),
      "a folder against itself: never a difference",
    );
    for (const d of [before, after, out]) Deno.removeSync(d, { recursive: true });
  },
});

Deno.test("report: usage errors exit 2, bad input exits 3, with one readable sentence and no stack trace", async () => {
  const usage = await report("--format", "pdf", ROOT);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /^report: Invalid --format "pdf": expected some of md, html, csv, json, tex\./);
  const none = await report("/nonexistent/data", "--out", tempDir());
  assert.equal(none.code, 3);
  assert.match(none.stderr, /^report: \/nonexistent\/data: no such file or folder\.\n$/);
  assert.doesNotMatch(none.stderr, /\n\s+at /);
  const help = await report("--help");
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: \.\/vb report <data-dir>/);
});

Deno.test({
  name: "report on the raw corpus: no compared factor there, so a clear refusal (exit 3), not a crash",
  ignore: !HAVE_CORPUS,
  fn: async () => {
    const r = await report(CORPUS, "--out", tempDir());
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /^report: Cannot tell which factor to compare/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  },
});

Deno.test({
  name: "report: writes nothing outside its output folder (the data folder is read-only to it)",
  ignore: !HAVE_DATA,
  fn: async () => {
    const data = subset(["ide", "virtio-blk"], [1, 2]);
    const before = listing(data);
    const out = tempDir("vb-ro-");
    const r = await report(data, "--out", out);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(listing(data), before);
    Deno.removeSync(data, { recursive: true });
    Deno.removeSync(out, { recursive: true });
  },
});

/** path → size and mtime of every file under dir. */
function listing(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of Deno.readDirSync(d)) {
      const p = join(d, e.name);
      if (e.isDirectory) walk(p);
      else {
        const s = Deno.statSync(p);
        out[p] = `${s.size} ${s.mtime?.getTime()}`;
      }
    }
  };
  walk(dir);
  return out;
}

Deno.test({
  name:
    "report for a paper: PDFs laid out for a column, fonts embedded, no titles, results.tex — under report.sh's permissions",
  ignore: !HAVE_DATA,
  fn: async () => {
    const out = tempDir("vb-report-");
    const r = await report(
      DATA,
      "--out",
      out,
      "--figure-formats",
      "svg,png,pdf",
      "--figure-width",
      "column",
      "--no-titles",
    );
    assert.equal(r.code, 0, r.stderr);
    const names = [...Deno.readDirSync(join(out, "figures"))].map((e) => e.name);
    const pdfs = names.filter((n) => n.endsWith(".pdf"));
    assert.ok(pdfs.length >= 10, `${pdfs.length} PDFs`);
    for (const pdf of pdfs) {
      assert.ok(
        names.includes(pdf.replace(/\.pdf$/, ".svg")) && names.includes(pdf.replace(/\.pdf$/, ".png")),
      );
      const bytes = Deno.readFileSync(join(out, "figures", pdf));
      const text = new TextDecoder("latin1").decode(bytes);
      assert.match(text, /^%PDF-1\.\d/);
      assert.match(text, /\/FontFile2 /, `${pdf}: the font program is in the file`);
      assert.match(text, /\/MediaBox \[0 0 252 [\d.]+\]/, `${pdf}: a 252 pt (3.5 in) page`);
    }
    const svg = Deno.readTextFileSync(join(out, "figures", pdfs[0].replace(/\.pdf$/, ".svg")));
    assert.match(svg, /<svg [^>]*width="336"/);
    assert.doesNotMatch(svg, /Data: /, "no data line: the caption says it");
    assert.match(Deno.readTextFileSync(join(out, "results.tex")), /\\toprule[\s\S]*\\bottomrule/);
    // A second run replaces the first: the PDFs are the report's own files, not foreign ones.
    const again = await report(DATA, "--out", out, "--figure-formats", "svg,png,pdf");
    assert.equal(again.code, 0, again.stderr);
    Deno.removeSync(out, { recursive: true });
  },
});

Deno.test({
  name:
    "report --figure-formats svg: no PNG rendered, report.md shows the SVGs, a second run replaces it, a user's own SVG is refused",
  ignore: !HAVE_DATA,
  fn: async () => {
    const out = tempDir("vb-report-");
    const r = await report(DATA, "--out", out, "--figure-formats", "svg");
    assert.equal(r.code, 0, r.stderr);
    const names = [...Deno.readDirSync(join(out, "figures"))].map((e) => e.name);
    assert.ok(names.length >= 10, `${names.length} figures`);
    assert.deepEqual(names.filter((n) => !n.endsWith(".svg")), [], "only SVGs");
    const md = Deno.readTextFileSync(join(out, "report.md"));
    for (const n of names) assert.ok(md.includes(`](figures/${n})`), `report.md shows ${n}`);
    assert.doesNotMatch(md, /\.png\)/);
    // The lone SVGs are the report's (report.md links them): the next run replaces the folder.
    const again = await report(DATA, "--out", out, "--figure-formats", "svg", "--format", "md");
    assert.equal(again.code, 0, again.stderr);
    // An SVG no report links is someone's own: refused, and kept.
    Deno.writeTextFileSync(join(out, "figures", "mine.svg"), "<svg/>");
    const refused = await report(DATA, "--out", out, "--figure-formats", "svg");
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /figures\/mine\.svg/);
    assert.ok(Deno.statSync(join(out, "figures", "mine.svg")).isFile);
    Deno.removeSync(out, { recursive: true });
  },
});
