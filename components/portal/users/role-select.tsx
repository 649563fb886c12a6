import { forwardRef, type SelectHTMLAttributes } from "react";
import { ROLES, type Role } from "@/lib/users/roles";

const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner: everything, including users",
  admin: "Admin: everything but users",
  staff: "Staff: customers and links",
  viewer: "Viewer: reads only",
};

/** A labelled role picker. */
export const RoleSelect = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; hideLabel?: boolean }>(
  function RoleSelect({ label, name, hideLabel = false, id, ...rest }, ref) {
    const selectId = id ?? `role-${name}`;
    return (
      <div>
        <label htmlFor={selectId} className={hideLabel ? "sr-only" : "block text-sm font-medium text-slate-800"}>
          {label}
        </label>
        <select
          ref={ref}
          id={selectId}
          name={name}
          className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:outline-2 focus:outline-offset-1 focus:outline-blue-700"
          {...rest}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </div>
    );
  },
);
