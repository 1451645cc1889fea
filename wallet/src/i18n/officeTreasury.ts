import { section } from "./section.js";

// The back office's frame (roles, opening a role's key) and the treasurer's and member manager's screens.
export const officeTreasury = section(
  {
    "office.roles": "Rôles",
    "office.treasurer": "Trésorerie",
    "office.members": "Membres",
    "office.auditor": "Audit",
    "office.governor": "Gouvernance",
    "office.key.title": "Ouvrir la clé du rôle",
    "office.key.file": "Fichier keystore (JSON)",
    "office.key.password": "Mot de passe",
    "office.key.open": "Ouvrir",
    "office.key.opening": "Ouverture de la clé…",
    "office.key.injected": "Utiliser le portefeuille du navigateur",
    "office.key.wrong": "Impossible d'ouvrir ce fichier : mot de passe incorrect ou pas un keystore.",
    "office.key.opened": "Clé ouverte : {address}",
    "office.key.forget": "Fermer la clé",
  },
  {
    "office.roles": "Roles",
    "office.treasurer": "Treasury",
    "office.members": "Members",
    "office.auditor": "Audit",
    "office.governor": "Governance",
    "office.key.title": "Open the role's key",
    "office.key.file": "Keystore file (JSON)",
    "office.key.password": "Password",
    "office.key.open": "Open",
    "office.key.opening": "Opening the key…",
    "office.key.injected": "Use the browser's wallet",
    "office.key.wrong": "Cannot open this file: wrong password or not a keystore.",
    "office.key.opened": "Key open: {address}",
    "office.key.forget": "Close the key",
  },
);
