// Placeholder until the screen is built.
export function Recovery() {
  return <h1>Recovery</h1>;
}
