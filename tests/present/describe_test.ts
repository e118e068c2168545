/** The host-cost notebook's account of what the data holds, on the shipped data and on the host-CPU fixtures. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { analyse } from "../../lib/analysis/request.ts";
import { hostCostText } from "../../lib/present/describe.ts";
import { DATA, FIXTURES, HAVE_DATA } from "../helpers.ts";

const families = (root: string) =>
  Promise.all([analyse(root, { tool: "fio" }), analyse(root, { tool: ["iperf3", "iperf2", "sockperf"] })]);

Deno.test({
  name:
    "shipped data: host CPU records, guest CPU and round trips are counted; nothing is said to be missing",
  ignore: !HAVE_DATA,
  fn: async () => {
    const text = hostCostText(await families(DATA));
    assert.match(text, /^fio: 180 host CPU records, 180 tool outputs with the guest's CPU use\.$/m);
    assert.match(
      text,
      /^iperf3 \+ iperf2 \+ sockperf: 120 host CPU records, 45 tool outputs with the guest's CPU use, 60 sockperf ping-pong results\.$/m,
    );
    assert.doesNotMatch(text, /No host CPU records|No sockperf/);
  },
});

Deno.test({
  name:
    "shipped runs without their host records (a labelled copy): said to be absent, with how to collect them",
  ignore: !HAVE_DATA,
  fn: async () => {
    const dir = Deno.makeTempDirSync({ prefix: "vb-nohost-" });
    for (const driver of ["ide", "virtio-blk"]) {
      for (const rep of [1, 2]) {
        const src = join(DATA, `disk/os=linux/driver=${driver}/rep=${rep}`);
        const dst = join(dir, `driver=${driver}/rep=${rep}`);
        Deno.mkdirSync(dst, { recursive: true });
        for (const e of Deno.readDirSync(src)) {
          if (e.name.endsWith(".json") && !e.name.endsWith(".hostcpu.json")) {
            Deno.copyFileSync(join(src, e.name), join(dst, e.name));
          }
        }
      }
    }
    const text = hostCostText(await families(dir));
    assert.match(text, /^fio: 0 host CPU records, 32 tool outputs with the guest's CPU use\.$/m);
    assert.match(
      text,
      /No host CPU records \(<workload>\.hostcpu\.json\) were found under .*bash collect\/run-matrix\.sh --out my-data/,
    );
    assert.match(text, /No sockperf ping-pong results were found/);
    Deno.removeSync(dir, { recursive: true });
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
