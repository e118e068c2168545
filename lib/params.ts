/**
 * Notebook parameters without editing the notebook: each key reads the environment variable
 * `VB_PARAM_<KEY>` (set by `tools/nbexec.py --param key=value`), else its default.
 * Like a papermill parameters cell, but the defaults stay visible in the notebook.
 * @module
 */

/** Returns `defaults` with every key overridden by `VB_PARAM_<KEY>` when that variable is set. */
export function notebookParams<T extends Record<string, string>>(defaults: T): T {
  const out: Record<string, string> = { ...defaults };
  for (const key of Object.keys(defaults)) {
    const value = readEnv(`VB_PARAM_${key.toUpperCase()}`);
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

function readEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined; // no --allow-env: the defaults are the parameters
  }
}
