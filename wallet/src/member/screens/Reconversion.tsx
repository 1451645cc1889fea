// Placeholder until the screen is built.
export function Reconversion() {
  return <h1>Reconversion</h1>;
}
