// The operator's command line: `npm run vault -- <command>`.
// Runs under tsx, with lib/ loaded as the server loads it.
// First: a bad setting stops the CLI here, before anything reads one.
import "@/lib/check-env.mjs";
import { getDb } from "@/lib/db/client";
import { checkKeysAtStart } from "@/lib/key-rotation/check-keys-at-start";
import { UsageError } from "./args";
import { merchantCommand } from "./commands/merchant";
import { keyCommand } from "./commands/key";
import { keysCommand } from "./commands/keys";
import { setupCommand } from "./commands/setup";
import { userCommand } from "./commands/user";

const HELP = `Customer Vault CLI

  merchant create --name NAME [--json]      create a merchant; prints its id, API key and signing secret
  merchant list [--json]
  merchant brand --merchant ID [--name N] [--logo URL] [--color #rrggbb] [--clear name,logo,color] [--json]
                                            the hosted card page's branding
  merchant origins --merchant ID [--add O1,O2] [--remove O3] [--json]
                                            origins allowed to frame the embedded card form
  key create --merchant ID [--label L] [--json]
  key revoke --merchant ID --id KEY_ID
  key list --merchant ID [--json]
  keys rotate [--resume]                    new KEK version, then re-wrap every data key (resumable)
  keys status [--json]                      sealed values per KEK version
  keys retire --version N                   drop an old KEK version once nothing uses it
  setup [--json]                            keys + demo merchant on an empty vault (npm start runs it)
  user create --merchant ID --email E --role owner|admin|staff|viewer --password P [--json]
                                            a portal user (password: at least 12 characters)
`;

const commands: Record<string, (args: string[]) => Promise<void>> = {
  merchant: merchantCommand,
  key: keyCommand,
  keys: keysCommand,
  setup: setupCommand,
  user: userCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.log(HELP);
    return name && name !== "help" && name !== "--help" ? 2 : 0;
  }
  try {
    // Every command touches the database: the keys are proven against it
    // first (a missing or wrong key file stops here, having written nothing).
    await checkKeysAtStart();
    await command(rest);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Error: ${message}`);
    return 1;
  } finally {
    await getDb().$disconnect();
  }
}

process.exitCode = await main(process.argv.slice(2));
