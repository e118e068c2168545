/** Path helpers for records' `source` (a path relative to the loaded folder, "/" or "\" separated). @module */

/**
 * The folder part of a path with its trailing separator ("a/b/c.json" → "a/b/", "c.json" → ""). Not the regex
 * `/[^\\/]*$/`: V8 tries that from every position of the path, and at 20× the shipped data it ran for every record.
 * @example folderOf("disk/driver=ide/rep=1/randread.json") // "disk/driver=ide/rep=1/"
 */
export function folderOf(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}
