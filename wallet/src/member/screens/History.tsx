// Placeholder until the screen is built.
export function History() {
  return <h1>History</h1>;
}
