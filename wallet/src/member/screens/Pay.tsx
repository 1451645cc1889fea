// Placeholder until the screen is built.
export function Pay() {
  return <h1>Pay</h1>;
}
