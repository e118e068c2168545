import assert from "node:assert/strict";
import * as vb from "../../lib/mod.ts";
import { dataName } from "../../lib/present/figures.ts";
import { DATA } from "../helpers.ts";

Deno.test("captions name the data by experiment.json's title, or by its folder relative to the working folder", () => {
  const cwd = "/home/me/project/notebooks";
  assert.equal(dataName({ root: "../data" }, cwd), "../data");
  assert.equal(dataName({ root: "/home/me/project/data" }, cwd), "../data", "absolute path made relative");
  assert.equal(dataName({ root: "/home/me/project/notebooks/runs" }, cwd), "runs");
  assert.equal(
    dataName({ root: "/tmp/vb-nb2-x1/my-runs" }, cwd),
    "my-runs",
    "far away: only the folder name",
  );
  assert.equal(dataName({ root: "before vs /tmp/x/after" }, cwd), "before vs after");
  assert.equal(dataName({ root: "/srv/x", title: "Linux guest, TCG" }, cwd), "Linux guest, TCG");
});

Deno.test("an experiment.json title names the data set in every caption; a title that is not a string is refused", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "vb-title-" });
  for (const driver of ["ide", "virtio-blk"]) {
    for (const rep of ["1", "2"]) {
      const to = `${dir}/driver=${driver}/rep=${rep}`;
      Deno.mkdirSync(to, { recursive: true });
      Deno.copyFileSync(
        `${DATA}/disk/os=linux/driver=${driver}/rep=${rep}/randread-4k-qd32.json`,
        `${to}/randread-4k-qd32.json`,
      );
    }
  }
  Deno.writeTextFileSync(
    `${dir}/experiment.json`,
    '{"by": "driver", "baseline": "ide", "title": "Two drivers, TCG"}',
  );
  const a = await vb.analyse(dir, { tool: "fio" });
  assert.equal(a.title, "Two drivers, TCG");
  const svg = vb.figureToSvg(vb.forestFigure(a));
  // The caption wraps over several <text> lines: read them as one text.
  const words = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(" ");
  assert.match(words, /Data: Two drivers, TCG · fio, baseline ide/);
  assert.ok(!svg.includes(dir), "no machine path in the figure");
  Deno.writeTextFileSync(`${dir}/experiment.json`, '{"by": "driver", "title": 7}');
  await assert.rejects(() => vb.analyse(dir, { tool: "fio" }), /\$\.title/);
  Deno.removeSync(dir, { recursive: true });
});
