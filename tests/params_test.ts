/** Notebook parameters are the report's options; an unknown one is an error naming the known ones. */
import assert from "node:assert/strict";
import { analysisOptions, figureOptions, notebookParams, ParamError } from "../lib/params.ts";

function withEnv(vars: Record<string, string>, fn: () => void): void {
  for (const [k, v] of Object.entries(vars)) Deno.env.set(k, v);
  try {
    fn();
  } finally {
    for (const k of Object.keys(vars)) Deno.env.delete(k);
  }
}

Deno.test("notebook parameters: the report's options are parameters of every notebook (labelled synthetic env)", () => {
  withEnv(
    {
      VB_PARAM_BY: "ioengine",
      VB_PARAM_LAYOUT: "{config}-run{rep}.json",
      VB_PARAM_DATA: "/runs",
      VB_PARAM_MIN_CHANGE: "5%",
      VB_PARAM_FIGURE_WIDTH: "3.5in",
    },
    () => {
      const p = notebookParams({ data: "../data", out: "../out" });
      assert.deepEqual(p, {
        data: "/runs",
        out: "../out",
        by: "ioengine",
        baseline: "",
        candidate: "",
        label: "",
        layout: "{config}-run{rep}.json",
        adjust: "holm",
        min_change: "5%",
        figure_formats: "svg,png",
        figure_width: "3.5in",
        no_titles: "false",
      });
      assert.deepEqual(figureOptions(p), {
        figureFormats: ["svg", "png"],
        figureWidth: 336,
        noTitles: false,
      });
      assert.throws(
        () => figureOptions({ ...p, figure_width: "narrow" }),
        /Invalid --figure-width \(notebook parameter figure_width\) "narrow": expected column, page, or a width such as 252pt or 3\.5in\.$/,
      );
      assert.deepEqual(analysisOptions(p), {
        by: "ioengine",
        layout: "{config}-run{rep}.json",
        adjust: "holm",
        minChange: 0.05,
      });
      assert.throws(
        () => analysisOptions({ ...p, adjust: "bonferroni" }),
        /Invalid --adjust \(notebook parameter adjust\) "bonferroni": expected one of holm, bh, none\.$/,
      );
      assert.throws(
        () => analysisOptions({ ...p, min_change: "lots" }),
        /Invalid --min-change \(notebook parameter min_change\) "lots": expected a percentage from 0 % up to \(not including\) 1000 %, such as 5%\.$/,
      );
    },
  );
});

Deno.test("notebook parameters: an unknown --param is an error listing the known ones (labelled synthetic env)", () => {
  withEnv({ VB_PARAM_BYE: "x" }, () => {
    assert.throws(
      () => notebookParams({ data: "../data", out: "../out", workload: "" }),
      (err: Error) => {
        assert.ok(err instanceof ParamError);
        assert.equal(
          err.message,
          'Unknown notebook parameter "bye" (--param bye=…); known parameters: by, baseline, candidate, label, ' +
            "layout, adjust, min_change, figure_formats, figure_width, no_titles, data, out, workload.",
        );
        return true;
      },
    );
  });
});
