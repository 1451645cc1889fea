// Placeholder until the screen is built.
export function Requests() {
  return <h1>Requests</h1>;
}
