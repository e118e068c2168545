/**
 * Recognises a raw file's format from its first bytes (never from its extension).
 * @module
 */
import type { Format } from "../model.ts";
import { looksLikeFioLog } from "./fio_log.ts";
import { looksLikeFioNormal } from "./fio_normal.ts";
import { looksLikeIperf3Text } from "./iperf3_text.ts";
import { looksLikeIperf2Text } from "./iperf2_text.ts";
import { HOST_CPU_KEY } from "./host_cpu.ts";
import { jsonStart } from "./json_text.ts";
import { sockperfFormat } from "./sockperf.ts";

/** How many bytes of a file detection looks at. */
export const HEAD_BYTES = 64 * 1024;

const IPERF2_LINE = /^\d{8,}(\.\d+)?,[^,]*,\d+,[^,]*,\d+,-?\d+,\s*\d+(\.\d+)?-\s*\d+(\.\d+)?,\d+,\d+/m;
const TERSE_LINE = /^[2-5];[^\n]*;[^\n]*;/;

export function detectFormat(head: string): Exclude<Format, "derived"> | null {
  const text = head.replace(/^\uFEFF/, "");
  const json = jsonStart(text);
  if (json >= 0) {
    const body = text.slice(json, json + 4096);
    if (body.includes(`"${HOST_CPU_KEY}"`)) return "host-cpu";
    if (/"fio version"\s*:|"client_stats"\s*:|"jobs"\s*:\s*\[/.test(body)) return "fio-json";
    if (/"start"\s*:|"intervals"\s*:|"error"\s*:\s*"/.test(body) && !/"jobs"/.test(body)) {
      return "iperf3-json";
    }
  }
  const sockperf = sockperfFormat(text);
  if (sockperf) return sockperf;
  const firstLine = text.split("\n").find((l) => l.trim() !== "") ?? "";
  if (TERSE_LINE.test(firstLine) && firstLine.split(";").length > 40) return "fio-terse";
  if (looksLikeFioLog(text)) return "fio-log";
  if (looksLikeFioNormal(text)) return "fio-normal";
  if (looksLikeIperf3Text(text)) return "iperf3-text";
  if (looksLikeIperf2Text(text)) return "iperf2-text";
  if (IPERF2_LINE.test(text)) return "iperf2-csv";
  return null;
}
