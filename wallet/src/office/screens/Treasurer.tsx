// Placeholder until the screen is built.
export function Treasurer() {
  return <h1>Treasurer</h1>;
}
