// Placeholder until the screen is built.
export function Auditor() {
  return <h1>Auditor</h1>;
}
