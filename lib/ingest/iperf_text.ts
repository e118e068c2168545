/**
 * What iperf 2's and iperf3's text outputs share: the line of one interval of one transfer (or their `[SUM]`),
 * `[  5]   0.00-1.00   sec  2.81 GBytes  24.2 Gbits/sec …`, in the units both print by default (`-f a`): bytes in
 * powers of 1024, bits in powers of 1000, to three significant figures.
 * @module
 */

/** One interval line as printed: `stream` is the transfer's id or "SUM"; `rest` what follows the bit rate. */
export interface IntervalLine {
  stream: string;
  from: number;
  to: number;
  /** Whole bytes. */
  bytes: number;
  bitsPerSecond: number;
  rest: string;
}

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const INTERVAL = new RegExp(
  String
    .raw`^\[\s*(\d+|SUM)\]\s+${NUMBER}-\s*${NUMBER}\s+sec\s+${NUMBER} ([KMGT]?)Bytes\s+${NUMBER} ([KMGT]?)bits\/sec(.*)$`,
);
const POWER: Record<string, number> = { "": 0, K: 1, M: 2, G: 3, T: 4 };

/** The interval a line reports, or null for any other line. */
export function intervalLine(line: string): IntervalLine | null {
  const m = line.match(INTERVAL);
  if (!m) return null;
  const [, stream, from, to, bytes, bytesUnit, bits, bitsUnit, rest] = m;
  return {
    stream,
    from: Number(from),
    to: Number(to),
    bytes: Math.round(Number(bytes) * 1024 ** POWER[bytesUnit]),
    bitsPerSecond: Number(`${bits}e${3 * POWER[bitsUnit]}`), // 8.56 G is 8560000000, not 8.56 × 1e9 (…0.000001)
    rest,
  };
}

/**
 * The warning every file of a text output carries: its rates are rounded, and where the exact ones are. `tool` as
 * people name it ("iperf 2"), `command` as it names itself ("iperf").
 */
export function printedFigures(tool: string, command: string, exactly: string): string {
  return `${tool}'s text output: throughput and bytes as ${command} printed them, to three significant figures ` +
    `(${exactly} has them exactly)`;
}
