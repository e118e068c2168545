/**
 * The benchmark keeps going when a peer fails: each way a tool can fail becomes a result that says
 * why, instead of an exception that would abort the whole run.
 */
import assert from "node:assert/strict";
import { failureReason, measure } from "../../bench/measure.ts";
import { exists } from "../helpers.ts";

const HAVE_TIME = exists("/usr/bin/time");

Deno.test({
  name: "bench: a missing tool, a crash, running out of memory and a kill each become a failure row",
  ignore: !HAVE_TIME,
  fn: async () => {
    const missing = await measure("nothing", ["vb-no-such-tool-anywhere"]);
    assert.match(missing.failure!, /^not installed/);
    const crash = await measure("crash", ["bash", "-c", "echo 'it broke' >&2; exit 3"]);
    assert.equal(crash.failure, "crashed (exit 3): it broke");
    const oom = await measure("oom", [
      Deno.execPath(),
      "eval",
      "--v8-flags=--max-old-space-size=16",
      "const a = []; for (;;) a.push(new Array(1e5).fill(1.5));",
    ]);
    assert.equal(oom.failure, "out of memory");
    const killed = await measure("killed", ["bash", "-c", "kill -9 $$"]);
    assert.match(killed.failure!, /^killed \(signal 9/);
    const slow = await measure("slow", ["sleep", "5"], { timeoutSeconds: 1 });
    assert.equal(slow.failure, "timed out");
    const ok = await measure("wc", ["bash", "-c", "echo 42 lines"]);
    assert.equal(ok.failure, undefined);
    assert.equal(ok.lines, 42);
    assert.ok(ok.rssMB > 0 && ok.wall > 0);
  },
});

Deno.test("bench: failure reasons from exit status and error output (labelled synthetic)", () => {
  assert.equal(failureReason(1, null, "Traceback …\nMemoryError\n"), "out of memory");
  assert.equal(
    failureReason(1, null, "ModuleNotFoundError: No module named 'pandas'"),
    "not installed (ModuleNotFoundError: No module named 'pandas')",
  );
  assert.equal(failureReason(124, null, ""), "timed out");
  assert.equal(failureReason(2, "SIGSEGV", "boom"), "crashed (exit 2, SIGSEGV): boom");
});
