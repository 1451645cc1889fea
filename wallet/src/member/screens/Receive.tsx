// Placeholder until the screen is built.
export function Receive() {
  return <h1>Receive</h1>;
}
