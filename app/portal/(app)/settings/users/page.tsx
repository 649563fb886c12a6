import { Panel } from "@/components/ui/panel";
import { Table, type TableColumn } from "@/components/ui/table";
import { PageHeader } from "@/components/portal/page-header";
import { formatTime } from "@/components/portal/format";
import { InviteForm } from "@/components/portal/users/invite-form";
import { RevokeInviteButton } from "@/components/portal/users/revoke-invite-button";
import { UserRowActions } from "@/components/portal/users/user-row-actions";
import { requirePortalUser } from "@/lib/portal/current-user";
import { listPendingInvites } from "@/lib/users/invite-user";
import { listUsers } from "@/lib/users/list-users";

export const metadata = { title: "Users · Customer Vault" };

const COLUMNS: TableColumn[] = [
  { label: "Email", cellClassName: "font-medium text-slate-900" },
  { label: "Last sign-in", cellClassName: "text-slate-700" },
  { label: "Status", cellClassName: "text-slate-700" },
  { label: "Role" },
];

export default async function UsersPage() {
  const session = await requirePortalUser({ permission: "users.manage" });
  const merchantId = session.user.merchantId;
  const [users, invites] = await Promise.all([listUsers({ merchantId }), listPendingInvites({ merchantId })]);
  const now = new Date();
  return (
    <>
      <PageHeader title="Users" description="Who can sign in to this portal, and what each may do." />
      <div className="space-y-6">
        <Panel title="Invite a user">
          <InviteForm />
        </Panel>
        <Panel title="Pending invitations">
          {invites.length === 0 ? (
            <p className="text-sm text-slate-700">No pending invitations.</p>
          ) : (
            <ul className="divide-y divide-slate-200">
              {invites.map((invite) => (
                <li key={invite.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <div className="text-sm">
                    <p className="font-medium text-slate-900">{invite.email}</p>
                    <p className="text-slate-700">
                      {invite.role} · expires {formatTime(invite.expiresAt)}
                    </p>
                  </div>
                  <RevokeInviteButton inviteId={invite.id} email={invite.email} />
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title="Users">
          <Table
            caption="Portal users"
            roomy
            columns={COLUMNS}
            rows={users.map((user) => {
              const isLocked = user.lockedUntil !== null && user.lockedUntil > now;
              return {
                key: user.id,
                testId: `user-${user.email}`,
                cells: [
                  <>
                    {user.email}
                    {user.id === session.user.id ? <span className="ml-2 text-xs text-slate-600">(you)</span> : null}
                  </>,
                  formatTime(user.lastSignInAt),
                  isLocked ? `Locked until ${formatTime(user.lockedUntil)}` : "Active",
                  <UserRowActions user={{ id: user.id, email: user.email, role: user.role, isLocked }} />,
                ],
              };
            })}
          />
        </Panel>
      </div>
    </>
  );
}
