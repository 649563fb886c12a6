"use client";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { usePortal } from "@/components/portal/portal-context";
import { portalRequest } from "@/components/portal/portal-fetch";

/** "Switch to the sandbox", confirmed: the upstream's settings, its key included, are removed. */
export function SandboxSwitch() {
  const { csrf } = usePortal();
  const router = useRouter();
  const switchToSandbox = async () => {
    const answer = await portalRequest("/portal/api/settings/gateway", { csrf, method: "PUT", body: { connector: "sandbox" } });
    if (!answer.ok) return answer.message;
    router.refresh();
    return null;
  };
  return (
    <ConfirmDialog
      trigger="Switch to the sandbox"
      triggerVariant="secondary"
      title="Switch to the sandbox?"
      confirmLabel="Switch now"
      onConfirm={switchToSandbox}
    >
      <p>New transactions go to the vault’s sandbox, which approves and declines by its test rules and moves no money.</p>
      <p>The upstream’s URL, merchant ID and security key are removed: to go back, enter them again.</p>
    </ConfirmDialog>
  );
}
