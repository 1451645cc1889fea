// Placeholder until the screen is built.
export function Governor() {
  return <h1>Governor</h1>;
}
