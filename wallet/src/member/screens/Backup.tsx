// Placeholder until the screen is built.
export function Backup() {
  return <h1>Backup</h1>;
}
