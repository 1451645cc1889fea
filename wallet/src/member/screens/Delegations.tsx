// Placeholder until the screen is built.
export function Delegations() {
  return <h1>Delegations</h1>;
}
