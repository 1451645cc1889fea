import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium (installed by .ci/run), headless, with a fresh profile: nothing is downloaded, and the
 * flags keep it from calling home on a machine whose network is closed.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}
