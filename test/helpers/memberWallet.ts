import type { Page } from "playwright-core";

// How a test opens a member's wallet in the browser, through the screens a member uses (French, the default
// language): restoring the wallet from its backup file (a keystore, such as the CLI's). The labels here are
// the contract between the welcome screen and every test that needs an open wallet.

/** Restores the wallet from `keystoreFile` with `password` on a fresh profile, and waits for the balance screen. */
export async function restoreWallet(page: Page, keystoreFile: string, password: string): Promise<void> {
  await page.getByRole("button", { name: "Restaurer depuis une sauvegarde" }).click();
  await page.getByLabel("Fichier de sauvegarde").setInputFiles(keystoreFile);
  await page.getByLabel("Mot de passe de la sauvegarde").fill(password);
  await page.getByRole("button", { name: "Restaurer", exact: true }).click();
  await page.getByRole("navigation", { name: "Menu du portefeuille" }).waitFor({ timeout: 60_000 });
}
