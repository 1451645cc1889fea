/** The key derivation's progress (scrypt takes seconds by design), with its name for screen readers. */
export function KeyProgress({ label, fraction }: { label: string; fraction: number }) {
  return (
    <div role="status" aria-live="polite">
      <p>{label}</p>
      <progress max={100} value={Math.round(fraction * 100)} aria-label={label} />
    </div>
  );
}
