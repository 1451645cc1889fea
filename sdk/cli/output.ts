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

/**
 * A moment in the reader's own time zone, with its offset, e.g. "2026-05-03 14:00:00 (UTC+02:00)": a board
 * member reading when an operation executes must not have to convert from UTC.
 */
export function localDateTime(moment: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const offset = -moment.getTimezoneOffset();
  const zone = `UTC${offset < 0 ? "-" : "+"}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return (
    `${moment.getFullYear()}-${two(moment.getMonth() + 1)}-${two(moment.getDate())} ` +
    `${two(moment.getHours())}:${two(moment.getMinutes())}:${two(moment.getSeconds())} (${zone})`
  );
}

/** The commands that carry out or stop something waiting out a public delay, ready to copy. */
export function delayedFollowUps(execute: string, cancel: string, whoMayCancel: string): string[] {
  return [
    "Once the delay has passed, anyone may carry it out:",
    `  ${execute}`,
    `Until then ${whoMayCancel} may stop it:`,
    `  ${cancel}`,
  ];
}
