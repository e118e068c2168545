/** The host-cost notebook's account of what the data holds, on the shipped data and on the host-CPU fixtures. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { analyse } from "../../lib/analysis/analyse.ts";
import { hostCostText } from "../../lib/analysis/describe.ts";
import { DATA, FIXTURES, HAVE_DATA } from "../helpers.ts";

const families = (root: string) =>
  Promise.all([analyse(root, { tool: "fio" }), analyse(root, { tool: ["iperf3", "iperf2", "sockperf"] })]);

Deno.test({
  name:
    "shipped data: host CPU and round trips are said to be absent, with how to collect them; guest CPU is counted",
  ignore: !HAVE_DATA,
  fn: async () => {
    const text = hostCostText(await families(DATA));
    assert.match(text, /^fio: 0 host CPU records, 180 tool outputs with the guest's CPU use\.$/m);
    assert.match(
      text,
      /^iperf3 \+ iperf2: 0 host CPU records, 45 tool outputs with the guest's CPU use, 0 sockperf/m,
    );
    assert.match(
      text,
      /No host CPU records \(<workload>\.hostcpu\.json\) were found under .*bash collect\/run-matrix\.sh --out my-data/,
    );
    assert.match(text, /No sockperf ping-pong results were found/);
  },
});

Deno.test("host-CPU fixtures: the records are counted, and only the missing round trips are reported absent", async () => {
  const text = hostCostText(await families(join(FIXTURES, "cost")));
  assert.match(text, /^fio: 6 host CPU records, 6 tool outputs with the guest's CPU use\.$/m);
  assert.match(
    text,
    /^iperf3: 6 host CPU records, 6 tool outputs with the guest's CPU use, 0 sockperf ping-pong results\.$/m,
  );
  assert.doesNotMatch(text, /No host CPU records/);
  assert.match(text, /No sockperf ping-pong results were found/);
});
