export default function Home() {
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 640, margin: "4rem auto", padding: "0 1rem" }}>
      <h1>Customer Vault</h1>
      <p>
        The vault is running. Merchants&apos; servers use the Platform API under <code>/platform</code>; see the
        README for the quick start.
      </p>
    </main>
  );
}
