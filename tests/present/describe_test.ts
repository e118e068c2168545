/**
 * The plain-words accounts of what the data holds: an analysis' paragraph (describeAnalysis), and the host-cost
 * notebook's, on the shipped data, the shared corpus and the host-CPU fixtures.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { analyse } from "../../lib/analysis/request.ts";
import { comparisonStory, describeAnalysis, hostCostText } from "../../lib/present/describe.ts";
import { CORPUS, DATA, FIXTURES, HAVE_CORPUS, HAVE_DATA, tempDir } from "../helpers.ts";

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

Deno.test({
  name:
    "shipped data: a value only fio's JSON runs set is not said of every run (terse and host CPU files lack it)",
  ignore: !HAVE_DATA,
  fn: async () => {
    const text = describeAnalysis(await analyse(DATA, { tool: "fio" }));
    assert.match(text, /^ {2}the same in every run: os=linux$/m);
    assert.match(
      text,
      /^ {2}the same in every run that sets it: direct=1, ioengine=libaio, ramp_time=2, randrepeat=0, runtime=6$/m,
    );
  },
});

Deno.test({
  name: "corpus: two real fio 2.18 runs, only one setting group_reporting: it is not 'the same in every run'",
  ignore: !HAVE_CORPUS,
  fn: async () => {
    const dir = tempDir("vb-describe-");
    for (
      const [driver, file] of [["ide", "fio-2.18-randread-b.json"], ["virtio", "fio-2.18-randread.json"]]
    ) {
      Deno.mkdirSync(join(dir, driver));
      Deno.copyFileSync(join(CORPUS, "fio-json", file), join(dir, driver, "result.json"));
    }
    const text = describeAnalysis(await analyse(dir, { layout: "{driver}/result.json" }));
    Deno.removeSync(dir, { recursive: true });
    const every = text.match(/^ {2}the same in every run: (.*)$/m)?.[1] ?? "";
    const some = text.match(/^ {2}the same in every run that sets it: (.*)$/m)?.[1] ?? "";
    assert.match(every, /\bbs=4k\b/);
    assert.match(some, /\bgroup_reporting=1\b/);
    assert.doesNotMatch(every, /group_reporting/);
  },
});

Deno.test({
  name: "the story of an analysis with nothing compared gives the reason in words, never an object",
  ignore: !HAVE_DATA,
  fn: async () => {
    // The shipped network runs read as fio: no results. One NIC's iperf3 runs (a real copy): one configuration.
    const none = comparisonStory(await analyse(join(DATA, "net"), { tool: "fio" }));
    assert.equal(
      none,
      `What is compared. fio: nothing. No fio results were found under ${join(DATA, "net")}.`,
    );
    const dir = tempDir("vb-story-");
    for (const rep of [1, 2, 3]) {
      Deno.mkdirSync(join(dir, `rep=${rep}`));
      for (const file of ["iperf3-tcp.json", "iperf3-tcp.hostcpu.json"]) {
        Deno.copyFileSync(
          join(DATA, `net/os=linux/nic=e1000/rep=${rep}/${file}`),
          join(dir, `rep=${rep}`, file),
        );
      }
    }
    // 3 runs, each with its host CPU record: not 6.
    const one = comparisonStory(await analyse(dir, { tool: "iperf3" }));
    Deno.removeSync(dir, { recursive: true });
    assert.match(one, /^What is compared\. iperf3: nothing\. All 3 runs under .* are one configuration/);
    assert.doesNotMatch(none + one, /\[object/);
  },
});
