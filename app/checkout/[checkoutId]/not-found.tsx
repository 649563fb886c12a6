import styles from "../checkout.module.css";

// An unknown or malformed link: a 404 with words a customer understands.
export default function UnknownLink() {
  return (
    <main className={styles.page}>
      <h1 className={styles.title}>This link cannot be used</h1>
      <p role="alert">This link is not valid. Ask the shop for a new one.</p>
    </main>
  );
}
