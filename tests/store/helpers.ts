/** Shared by the store tests: a labelled replicated second batch made from the shipped data. */
import { join } from "node:path";
import { DATA, tempDir } from "../helpers.ts";

/**
 * (labelled replicated) A copy of a shipped data folder with the compared factor's folders renamed in a cycle
 * (disk: ahci→ide→virtio-blk→virtio-scsi→ahci; net: e1000→rtl8139→virtio-net→e1000): real runs, so a second
 * batch with real differences from the first. Provenance files are left out (their paths would not match).
 */
export const SWAP: Record<string, string> = {
  "driver=ahci": "driver=ide",
  "driver=ide": "driver=virtio-blk",
  "driver=virtio-blk": "driver=virtio-scsi",
  "driver=virtio-scsi": "driver=ahci",
  "nic=e1000": "nic=rtl8139",
  "nic=rtl8139": "nic=virtio-net",
  "nic=virtio-net": "nic=e1000",
};

export function replicatedCopy(part: "disk" | "net", name = "replicated"): string {
  const dest = join(tempDir("vb-replicated-"), name);
  copy(join(DATA, part), join(dest, part));
  return dest;
}

function copy(src: string, dst: string): void {
  Deno.mkdirSync(dst, { recursive: true });
  for (const e of Deno.readDirSync(src)) {
    if (/^(runs\.jsonl|PROVENANCE\.md|guest-versions\.txt)$/.test(e.name)) continue;
    if (e.isDirectory) copy(join(src, e.name), join(dst, SWAP[e.name] ?? e.name));
    else Deno.copyFileSync(join(src, e.name), join(dst, e.name));
  }
}

/** A plain copy of a folder (so a test can change or damage files without touching data/). */
export function plainCopy(src: string): string {
  const dest = join(tempDir("vb-copy-"), "data");
  const walk = (s: string, d: string) => {
    Deno.mkdirSync(d, { recursive: true });
    for (const e of Deno.readDirSync(s)) {
      if (e.isDirectory) walk(join(s, e.name), join(d, e.name));
      else Deno.copyFileSync(join(s, e.name), join(d, e.name));
    }
  };
  walk(src, dest);
  return dest;
}
