import { Panel } from "@/components/ui/panel";
import { PageHeader } from "@/components/portal/page-header";
import { formatTime } from "@/components/portal/format";
import { InviteForm } from "@/components/portal/users/invite-form";
import { RevokeInviteButton } from "@/components/portal/users/revoke-invite-button";
import { UserRowActions } from "@/components/portal/users/user-row-actions";
import { requirePortalUser } from "@/lib/portal/current-user";
import { listPendingInvites } from "@/lib/users/invite-user";
import { listUsers } from "@/lib/users/list-users";

export const metadata = { title: "Users · Customer Vault" };

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
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Portal users</caption>
              <thead className="border-b border-slate-200 text-slate-700">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Email
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Last sign-in
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Status
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    Role
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {users.map((user) => (
                  <tr key={user.id} data-testid={`user-${user.email}`}>
                    <td className="py-3 pr-4 font-medium text-slate-900">
                      {user.email}
                      {user.id === session.user.id ? <span className="ml-2 text-xs text-slate-600">(you)</span> : null}
                    </td>
                    <td className="py-3 pr-4 text-slate-700">{formatTime(user.lastSignInAt)}</td>
                    <td className="py-3 pr-4 text-slate-700">
                      {user.lockedUntil && user.lockedUntil > now ? `Locked until ${formatTime(user.lockedUntil)}` : "Active"}
                    </td>
                    <td className="py-3">
                      <UserRowActions user={{ id: user.id, email: user.email, role: user.role }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Panel>
      </div>
    </>
  );
}
