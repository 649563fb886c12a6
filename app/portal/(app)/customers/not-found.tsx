import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";

/** An unknown customer, another merchant's, or a page the role may not open: all look the same. */
export default function CustomerNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-6 py-10 text-center shadow-sm">
      <h1 className="text-2xl font-semibold text-slate-900">Customer not found</h1>
      <p className="mt-2 text-sm text-slate-700">There is no such customer in your vault, or this page is not available to you.</p>
      <Link href="/portal/customers" className={`${buttonClass("secondary")} mt-6`}>
        Back to customers
      </Link>
    </div>
  );
}
