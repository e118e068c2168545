/**
 * The chunked sockperf full-log reader gives exactly what the whole-text parser gives: on every real log
 * (tests/fixtures/sockperf, data/, the corpus) at chunk sizes that cut lines anywhere, and on labelled
 * synthetic edits of a real log (CRLF, colour codes, no final newline, two servers, odd spacing, damage).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { detectFormat, loadFile, parseSockperfLog } from "../../lib/ingest/mod.ts";
import { scanSockperfLog } from "../../lib/ingest/sockperf_log_scan.ts";
import { CORPUS, DATA, FIXTURES, HAVE_CORPUS, HAVE_DATA, tempDir } from "../helpers.ts";

const CHUNKS = [1 << 20, 4096, 61, 7];

function logsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory) out.push(...logsUnder(path));
    else if (e.isFile && detectFormat(Deno.readTextFileSync(path).slice(0, 65536)) === "sockperf-log") {
      out.push(path);
    }
  }
  return out.sort();
}

/** scanSockperfLog equals parseSockperfLog at every chunk size, or declines exactly where the parser throws. */
function assertSame(path: string): "same" | "declined" {
  let want: ReturnType<typeof parseSockperfLog> | undefined;
  try {
    want = parseSockperfLog(Deno.readTextFileSync(path), "x.csv", { nic: "n" });
  } catch { /* the parser refuses it: the scanner must decline */ }
  for (const chunk of CHUNKS) {
    const got = scanSockperfLog(path, "x.csv", { nic: "n" }, chunk);
    assert.deepEqual(got, want, `${path} at ${chunk}-byte chunks`);
  }
  return want ? "same" : "declined";
}

Deno.test("sockperf log scan: every real full log gives the whole-text parser's histograms, bin for bin", () => {
  const roots = [join(FIXTURES, "sockperf"), ...HAVE_DATA ? [DATA] : [], ...HAVE_CORPUS ? [CORPUS] : []];
  const paths = roots.flatMap(logsUnder);
  assert.ok(paths.length >= 6, `found ${paths.length} logs`);
  const outcomes = paths.map(assertSame);
  assert.ok(outcomes.filter((o) => o === "same").length >= 5);
  // The fixture of a run without a server holds sockperf's error line: the scanner leaves it to the parser.
  assert.equal(assertSame(join(FIXTURES, "sockperf/sockperf-udp-noserver.fulllog.csv")), "declined");
});

Deno.test("sockperf log scan: labelled synthetic edits of a real log read the same as the whole text", async () => {
  const real = Deno.readTextFileSync(join(FIXTURES, "sockperf/sockperf-udp-64.fulllog.csv"));
  const lines = real.split("\n");
  const at = lines.findIndex((l) => l.startsWith("10, "));
  const header = lines.findIndex((l) => l.startsWith("packet,"));
  const edits: Record<string, string> = {
    "crlf": real.replaceAll("\n", "\r\n"),
    "no final newline": real.trimEnd(),
    "colour codes in a message and a separator": lines.map((l, i) =>
      i === at ? `\x1b[2;35m${l}\x1b[0m` : i === at + 5 ? l.replace(", ", ",\x1b[0m ") : l
    ).join("\n"),
    "a separator ends the messages early": lines.map((l, i) => i === at ? "-----" : l).join("\n"),
    "two servers, one section each": [
      ...lines.slice(0, header),
      "sockperf: ========= Printing statistics for Server No: 1",
      ...lines.slice(header),
    ].join("\n") + "\n" + lines.slice(header, header + 40).join("\n"),
    "odd spacing, leading zeros, a tab and an exponent": lines.map((l, i) =>
      i === at
        ? l.replaceAll(", ", " ,  ")
        : i === at + 1
        ? l.replace(", ", ", 0000")
        : i === at + 2
        ? l.replace(", ", ",\t")
        : i === at + 3
        ? l.replace(/, ([\d.]+)$/, (_m, v) => `, ${Number(v) * 1000}e-3`)
        : l
    ).join("\n"),
    "ten decimals in a round trip (past an int32's nine)": lines.map((l, i) =>
      i === at ? l.replace(/, ([\d.]+)$/, (_m, v) => `, ${Number(v).toFixed(10)}`) : l
    ).join("\n"),
    "a 20-digit time": lines.map((l, i) => i === at ? l.replace(/, (\d+)\.(\d+), /, ", $1.$2000000000, ") : l)
      .join("\n"),
    "byte-order mark": "\uFEFF" + real,
  };
  const damaged: Record<string, string> = {
    "an edited round trip": lines.map((l, i) => i === at ? l.replace(/, [\d.]+$/, ", 1.000") : l).join("\n"),
    "a cut line": lines.map((l, i) => i === at ? "10, 2.5" : l).join("\n"),
    "sockperf's error after the messages": real + "sockperf: ERROR: synthetic\n",
    "no messages": lines.slice(0, header + 1).join("\n"),
  };
  const dir = tempDir();
  for (const [what, text] of Object.entries({ ...edits, ...damaged })) {
    const path = join(dir, "sockperf-udp-64.fulllog.csv");
    Deno.writeTextFileSync(path, text);
    assert.equal(assertSame(path), what in edits ? "same" : "declined", what);
    // Through the loader the damaged files keep the parser's sentence (the scanner hands them over).
    if (what in damaged) await assert.rejects(() => loadFile(path), /sockperf-udp-64\.fulllog\.csv/);
  }
  Deno.removeSync(dir, { recursive: true });
});
