// Placeholder until the screen is built.
export function Home() {
  return <h1>Home</h1>;
}
