import { countSealedByVersion } from "@/lib/key-rotation/count-sealed-by-version";
import { rotateKeys } from "@/lib/key-rotation/rotate-keys";
import { getKeyring } from "@/lib/crypto/get-keyring";
import { retireKekVersion } from "@/lib/crypto/retire-kek-version";
import { parseFlags, printJson, required, UsageError } from "../args";

/** `keys rotate | status | retire`: the encryption keys (KEKs) behind every sealed value. */
export async function keysCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === "rotate") {
    const flags = parseFlags(rest, { resume: "boolean", limit: "string", "batch-size": "string", json: "boolean" });
    const counts = await countSealedByVersion();
    const active = getKeyring().activeKekVersion;
    const unfinished = [...counts.entries()].some(([version, n]) => version !== active && n > 0);
    // An interrupted rotation is finished before a new version is made.
    const addVersion = !flags.resume && !unfinished;
    if (!addVersion) console.error(`Resuming the rotation to KEK version ${active}.`);
    const result = await rotateKeys({
      addVersion,
      limit: flags.limit ? Number(flags.limit) : undefined,
      batchSize: flags["batch-size"] ? Number(flags["batch-size"]) : undefined,
      onProgress: (p) => console.error(`  re-wrapped ${p.rewrapped} (${p.table})`),
    });
    if (flags.json) return printJson({ active_kek_version: result.activeVersion, rewrapped: result.rewrapped, complete: result.complete });
    console.log(
      `KEK version ${result.activeVersion} is active; ${result.rewrapped} data keys re-wrapped; ` +
        (result.complete ? "rotation complete." : "rotation NOT complete: run `keys rotate` again to resume."),
    );
    return;
  }
  if (sub === "status") {
    const flags = parseFlags(rest, { json: "boolean" });
    const counts = Object.fromEntries(await countSealedByVersion());
    const active = getKeyring().activeKekVersion;
    if (flags.json) return printJson({ active_kek_version: active, sealed_by_version: counts });
    console.log(`Active KEK version: ${active}`);
    for (const [version, n] of Object.entries(counts)) console.log(`  version ${version}: ${n} sealed values`);
    return;
  }
  if (sub === "retire") {
    const flags = parseFlags(rest, { version: "string" });
    const version = Number(required(flags, "version"));
    const inUse = (await countSealedByVersion()).get(version) ?? 0;
    if (inUse > 0) throw new UsageError(`KEK version ${version} still protects ${inUse} values: finish \`keys rotate\` first`);
    retireKekVersion(version);
    console.log(`KEK version ${version} removed from the key file.`);
    return;
  }
  throw new UsageError("usage: keys rotate [--resume] | keys status | keys retire --version N");
}
