// Placeholder until the screen is built.
export function Members() {
  return <h1>Members</h1>;
}
