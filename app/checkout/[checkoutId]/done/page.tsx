import styles from "../../checkout.module.css";

export const metadata = { title: "Card saved", referrer: "no-referrer" };

// Where a link without a success_url ends.
export default function DonePage() {
  return (
    <main className={styles.page}>
      <h1 className={styles.title}>Card saved</h1>
      <p role="status">Your card was saved. You can close this page.</p>
    </main>
  );
}
