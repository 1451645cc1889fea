/** Prints a result: JSON (bigints as strings) with --json, otherwise the human text. */
export function print(json: boolean | undefined, value: unknown, human: () => string): void {
  if (json) {
    process.stdout.write(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n");
  } else {
    process.stdout.write(human() + "\n");
  }
}

/** A progress bar on stderr, drawn only on a terminal. */
export function progressBar(label: string) {
  const tty = process.stderr.isTTY === true;
  return {
    update(done: number, total: number) {
      if (!tty || total === 0) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
    },
    done() {
      if (tty) process.stderr.write("\n");
    },
  };
}
