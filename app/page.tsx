export default function Home() {
  return (
    <main className="mx-auto my-16 max-w-2xl px-4 font-sans">
      <h1 className="mb-4 text-3xl font-bold">Customer Vault</h1>
      <p>
        The vault is running. Merchants&apos; servers use the Platform API under <code className="font-mono">/platform</code>; see the README for the quick
        start.
      </p>
    </main>
  );
}
