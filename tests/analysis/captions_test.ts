import assert from "node:assert/strict";
import * as vb from "../../lib/mod.ts";

Deno.test("captions name the data by experiment.json's title, or by its folder relative to the working folder", () => {
  const cwd = "/home/me/project/notebooks";
  assert.equal(vb.dataName({ root: "../data" }, cwd), "../data");
  assert.equal(vb.dataName({ root: "/home/me/project/data" }, cwd), "../data", "absolute path made relative");
  assert.equal(vb.dataName({ root: "/home/me/project/notebooks/runs" }, cwd), "runs");
  assert.equal(
    vb.dataName({ root: "/tmp/vb-nb2-x1/my-runs" }, cwd),
    "my-runs",
    "far away: only the folder name",
  );
  assert.equal(vb.dataName({ root: "before vs /tmp/x/after" }, cwd), "before vs after");
  assert.equal(vb.dataName({ root: "/srv/x", title: "Linux guest, TCG" }, cwd), "Linux guest, TCG");
});
