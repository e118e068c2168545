/** Path helpers for records' `source` (a path relative to the loaded folder, "/" or "\" separated). @module */

/**
 * The folder part of a path with its trailing separator ("a/b/c.json" → "a/b/", "c.json" → ""). Not the regex
 * `/[^\\/]*$/`: V8 tries that from every position of the path, and at 20× the shipped data it ran for every record.
 * @example folderOf("disk/driver=ide/rep=1/randread.json") // "disk/driver=ide/rep=1/"
 */
export function folderOf(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

/**
 * The source of one run of several appended to one file (lib/ingest/appended.ts): the file and the run's place in
 * it, `e1000.json#2`. A source names one run everywhere (pairing, host CPU, efficiency): so such runs stay apart.
 * @example documentSource("e1000.json", 2) // "e1000.json#2"
 */
export function documentSource(file: string, n: number): string {
  return `${file}#${n}`;
}

/**
 * The file each source was read from, given the files read (a dataset's `files`): a file itself, or the file of an
 * appended run ({@link documentSource}). A file whose own name ends in `#2` is that file.
 * @example filesOfSources([{ source: "e1000.json" }])("e1000.json#2") // "e1000.json"
 */
export function filesOfSources(files: { source: string }[]): (source: string) => string {
  const read = new Set(files.map((f) => f.source));
  return (source) => read.has(source) ? source : source.replace(/#\d+$/, "");
}
