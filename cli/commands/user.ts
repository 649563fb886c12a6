import { ApiError } from "@/lib/errors/api-error";
import { createUser } from "@/lib/users/create-user";
import { merchantIdFlag, parseFlags, printJson, required, UsageError } from "../args";

/** `user create`: a portal user for a merchant; its flags and `--json` line are what scripts and tests rely on (README, The CLI). */
export async function userCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== "create") throw new UsageError("usage: user create --merchant ID --email E --role owner|admin|staff|viewer --password P [--json]");
  const flags = parseFlags(rest, { merchant: "string", email: "string", role: "string", password: "string", json: "boolean" });
  const merchantId = merchantIdFlag(flags);
  try {
    const user = await createUser({
      merchantId,
      email: required(flags, "email"),
      role: required(flags, "role"),
      password: required(flags, "password"),
      actor: "cli",
    });
    if (flags.json) return printJson({ user_id: user.userId, email: user.email });
    console.log(`User ${user.userId} created: ${user.email} (${user.role}) for merchant ${merchantId}.`);
  } catch (error) {
    // Say which option is wrong, in the CLI's words.
    if (error instanceof ApiError && error.fields) {
      throw new UsageError(
        Object.entries(error.fields)
          .map(([field, problem]) => `--${field} ${problem}`)
          .join("\n"),
      );
    }
    throw error;
  }
}
