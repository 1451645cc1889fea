import { section } from "./section.js";

// The member wallet's frame and its own screens: opening the wallet, balance, receive, pay, backup.
export const memberWallet = section(
  {
    "nav.label": "Menu du portefeuille",
    "nav.home": "Solde",
    "nav.pay": "Payer",
    "nav.receive": "Recevoir",
    "nav.history": "Historique",
    "nav.requests": "Demandes",
    "nav.delegations": "Délégations",
    "nav.reconversion": "Reconversion",
    "nav.recovery": "Clé perdue",
    "nav.backup": "Sauvegarde",
    "wallet.lock": "Verrouiller",
    "wallet.account": "Compte {address}",
  },
  {
    "nav.label": "Wallet menu",
    "nav.home": "Balance",
    "nav.pay": "Pay",
    "nav.receive": "Receive",
    "nav.history": "History",
    "nav.requests": "Requests",
    "nav.delegations": "Delegations",
    "nav.reconversion": "Reconversion",
    "nav.recovery": "Lost key",
    "nav.backup": "Backup",
    "wallet.lock": "Lock",
    "wallet.account": "Account {address}",
  },
);
