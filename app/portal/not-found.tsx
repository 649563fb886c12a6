import Link from "next/link";

// 404 inside the portal: an unknown page, another merchant's customer, or a
// page the user's role may not open all look the same.
export default function PortalNotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold text-slate-900">Not found</h1>
      <p className="mt-2 text-sm text-slate-700">There is nothing here you can open. It may not exist, or your role may not include it.</p>
      <Link href="/portal/customers" className="mt-4 inline-block text-sm font-medium text-blue-800 underline">
        Back to customers
      </Link>
    </main>
  );
}
