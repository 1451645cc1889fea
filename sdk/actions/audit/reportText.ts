import { MISMATCH_MEANINGS } from "./audit.js";

/** The languages the HTML audit report is written in. */
export type AuditLanguage = "fr" | "en";

export const AUDIT_LANGUAGES: readonly AuditLanguage[] = ["fr", "en"];

// Every sentence of the HTML report and of its chart, one table per language. `{name}` is filled by the report;
// a value filled into HTML is escaped (or is markup the report made), the rest of the sentence is escaped here.
// The check names are the `name`s `audit()` gives its checks; their `details`, like each mismatch's, are data
// written by `audit()` in English, shown as they are (the French headings say so).
// The French follows the back office's catalogue (wallet/src/i18n/officeAudit.ts), so that the screen and the
// report a board reads say the same thing in the same words.
const EN = {
  "page.title": "Audit of {name}, {date}",
  "page.heading": "{name} ({symbol}): audit of {date}",
  "verdict.ok": "Consistent and fully backed",
  "verdict.bad": "Problems found",
  "verdict.withProblems": "{verdict}: {problems}",
  "problem.checks": "{count} check(s) failed",
  "problem.notBacked": "not fully backed",
  "problem.mismatches": "{count} mismatch(es) with the bank statement",
  "figures.label": "Today",
  "figure.supply": "Supply today",
  "figure.supplyNote": "units in circulation",
  "figure.reserve": "Reserve today",
  "figure.neverAttested": "never attested",
  "figure.attested": "attested {amount} as of {date}",
  "figure.attestedLessPayouts": "attested {amount} as of {date}, less {paidOut} paid out since",
  "figure.margin": "Reserve above supply",
  "figure.marginNote": "backed",
  "figure.shortfall": "Supply above the reserve",
  "figure.shortfallNote": "shortfall",
  "figure.mismatches": "Mismatches",
  "figure.mismatchesNote": "with {count} statement lines",
  "stale.old":
    "the attestation is {days} days old: the policy allows {max} days, so the currency does not count as backed",
  "stale.missing": "the attestation is missing: the policy allows {max} days, so the currency does not count as backed",
  "chart.title": "Supply and reserve over time",
  "chart.empty": "Nothing was minted, burned or attested yet.",
  "chart.supply": "Supply",
  "chart.reserve": "Reserve as the chain knows it",
  "chart.attestation": "{date}: attested {amount}; supply {supply}",
  "chart.descriptionNever":
    "From {from} to {to}: supply {supply} today, reserve {reserve} today, {attestations} attestation(s); supply never above the reserve.",
  "chart.descriptionAbove":
    "From {from} to {to}: supply {supply} today, reserve {reserve} today, {attestations} attestation(s); supply above the reserve {times} time(s).",
  "chart.supplyLegend": "Supply: {amount} today",
  "chart.reserveLegend":
    "Reserve as the chain knows it (attested, less payouts since): {amount} today; dots are attestations",
  "chart.shortfallLegend": "Supply above the reserve",
  "chart.caption":
    "Each step is a block with a mint, a burn or an attestation: {count} blocks ({mints} with mints, {burns} with burns, {attestations} with attestations), {from} to {to}.",
  "statement.title": "Bank statement against the chain",
  "statement.summary": "{lines} statement lines: {deposits} deposits, {payouts} payouts.",
  "statement.summaryPeriod": "{lines} statement lines from {from} to {to}: {deposits} deposits, {payouts} payouts.",
  "statement.readFrom": "read from {columns} (separator {delimiter}{mark}, header on line {line})",
  "statement.delimiter": '"{delimiter}"',
  "statement.pattern": "{column} (pattern {pattern})",
  "statement.decimalComma": ", decimal comma",
  "statement.decimalPoint": ", decimal point",
  "statement.statement": "Statement",
  "statement.chain": "Chain",
  "statement.deposits": "Deposits (credits) / minted",
  "statement.payouts": "Payouts (debits) / burned",
  "statement.net": "Net / supply",
  "statement.commissions":
    "Reconversion payouts are net of the commission: the {amount} of commissions stay in circulation, with their euros in the fund.",
  "mismatches.title": "Mismatches with the bank statement",
  "mismatches.titleCount": "Mismatches with the bank statement: {count}",
  "mismatches.none": "None.",
  "mismatches.kind": "Kind",
  "mismatches.count": "Count",
  "mismatches.onStatement": "On the statement",
  "mismatches.onChain": "On chain",
  "mismatches.group": "{title}: {count}",
  "mismatches.reference": "Reference",
  "mismatches.line": "Line",
  "mismatches.statementLine": "Statement line",
  "mismatches.statement": "Statement",
  "mismatches.chain": "Chain",
  "mismatches.details": "Details",
  "mismatches.hashOnly": "(no statement line names it)",
  "kind.deposit-minted-twice": "Deposit minted twice",
  "kind.mint-without-deposit": "Mint without a deposit",
  "kind.mint-amount-differs": "Mint for another amount",
  "kind.payout-without-settlement": "Payout with nothing burned",
  "kind.payout-amount-differs": "Payout for another amount",
  "kind.payout-is-gross": "Payout listed at its gross amount",
  "kind.deposit-not-minted": "Deposit not minted",
  "kind.settlement-without-payout": "Burn with no payout on the statement",
  // The English meanings are those of the text report and the CSV, written once.
  "meaning.deposit-minted-twice": MISMATCH_MEANINGS["deposit-minted-twice"],
  "meaning.mint-without-deposit": MISMATCH_MEANINGS["mint-without-deposit"],
  "meaning.mint-amount-differs": MISMATCH_MEANINGS["mint-amount-differs"],
  "meaning.payout-without-settlement": MISMATCH_MEANINGS["payout-without-settlement"],
  "meaning.payout-amount-differs": MISMATCH_MEANINGS["payout-amount-differs"],
  "meaning.payout-is-gross": MISMATCH_MEANINGS["payout-is-gross"],
  "meaning.deposit-not-minted": MISMATCH_MEANINGS["deposit-not-minted"],
  "meaning.settlement-without-payout": MISMATCH_MEANINGS["settlement-without-payout"],
  "checks.title": "Checks",
  "checks.result": "Result",
  "checks.check": "Check",
  "checks.details": "Details",
  "checks.ok": "ok",
  "checks.failed": "FAIL",
  "check.supply matches events": "supply matches events",
  "check.every balance matches events": "every balance matches events",
  "check.each deposit minted once": "each deposit minted once",
  "check.reserve arithmetic matches the contract": "reserve arithmetic matches the contract",
  "check.fully backed": "fully backed",
  "check.bank statement reconciles": "bank statement reconciles",
  "reserve.title": "How the reserve was computed",
  "reserve.none": "No reserve was attested yet.",
  "reserve.attested":
    "Attested: {amount} as of {when}, by auditor {auditor}; evidence {evidence}, transaction {transaction}.",
  "reserve.burned": "Less {amount} burned after that date (paid out of the fund) in {count} burn(s).",
  "reserve.burn": "{amount} on {when}, transaction {transaction}",
  "reserve.result": "Reserve: {amount}.",
  "pending.title": "Waiting for their delay",
  "pending.noGovernance": "No governance operation waiting.",
  "pending.governance": "{count} governance operation(s) waiting:",
  "pending.operationReady": "{description}: executable now; cancel with {command} {id}",
  "pending.operationWaiting": "{description}: executable after {when}; cancel with {command} {id}",
  "pending.noRecovery": "No recovery waiting.",
  "pending.recoveries": "{count} recovery(ies) of a lost key waiting:",
  "pending.recovery":
    "{lost} to {replacement}, proposed by {proposedBy}, executable after {when}; cancel with {command} and the lost address",
  footer:
    "Computed from the chain alone: contract {address} on chain {chainId}, blocks {from} to {to} ({when}), {events} events replayed; {mints} deposits minted, {settlements} reconversions settled, {burns} burns, {accounts} accounts. Times in UTC.",
};

export type AuditTextKey = keyof typeof EN;

const FR: Record<AuditTextKey, string> = {
  "page.title": "Audit de {name}, {date}",
  "page.heading": "{name} ({symbol}) : audit du {date}",
  "verdict.ok": "Cohérente et entièrement couverte",
  "verdict.bad": "Problèmes constatés",
  "verdict.withProblems": "{verdict} : {problems}",
  "problem.checks": "{count} contrôle(s) en échec",
  "problem.notBacked": "pas entièrement couverte par la réserve",
  "problem.mismatches": "{count} écart(s) avec le relevé bancaire",
  "figures.label": "Aujourd'hui",
  "figure.supply": "Masse monétaire aujourd'hui",
  "figure.supplyNote": "unités en circulation",
  "figure.reserve": "Réserve aujourd'hui",
  "figure.neverAttested": "jamais attestée",
  "figure.attested": "attestée à {amount} au {date}",
  "figure.attestedLessPayouts": "attestée à {amount} au {date}, moins {paidOut} versés depuis",
  "figure.margin": "Marge (réserve au-dessus de la masse)",
  "figure.marginNote": "couverte",
  "figure.shortfall": "Manque (masse au-dessus de la réserve)",
  "figure.shortfallNote": "non couverte",
  "figure.mismatches": "Écarts",
  "figure.mismatchesNote": "sur {count} lignes du relevé",
  "stale.old": "l'attestation a {days} jours : la règle en admet {max}, la monnaie ne compte donc pas comme couverte",
  "stale.missing":
    "aucune attestation : la règle en demande une de moins de {max} jours, la monnaie ne compte donc pas comme couverte",
  "chart.title": "Masse monétaire et réserve dans le temps",
  "chart.empty": "Rien n'a encore été émis, détruit ni attesté.",
  "chart.supply": "Masse monétaire",
  "chart.reserve": "Réserve connue de la chaîne",
  "chart.attestation": "{date} : réserve attestée de {amount} ; masse monétaire {supply}",
  "chart.descriptionNever":
    "Du {from} au {to} : masse monétaire {supply} aujourd'hui, réserve {reserve} aujourd'hui, {attestations} attestation(s) ; la masse monétaire n'a jamais dépassé la réserve.",
  "chart.descriptionAbove":
    "Du {from} au {to} : masse monétaire {supply} aujourd'hui, réserve {reserve} aujourd'hui, {attestations} attestation(s) ; la masse monétaire a dépassé la réserve {times} fois.",
  "chart.supplyLegend": "Masse monétaire : {amount} aujourd'hui",
  "chart.reserveLegend":
    "Réserve connue de la chaîne (attestée, moins les paiements depuis) : {amount} aujourd'hui ; les points sont les attestations",
  "chart.shortfallLegend": "Masse monétaire au-dessus de la réserve",
  "chart.caption":
    "Chaque marche est un bloc avec une émission, une destruction ou une attestation : {count} blocs ({mints} avec des émissions, {burns} avec des destructions, {attestations} avec des attestations), du {from} au {to}.",
  "statement.title": "Le relevé bancaire face à la chaîne",
  "statement.summary": "{lines} lignes de relevé : {deposits} dépôts, {payouts} paiements.",
  "statement.summaryPeriod": "{lines} lignes de relevé du {from} au {to} : {deposits} dépôts, {payouts} paiements.",
  "statement.readFrom": "lu dans les colonnes {columns} (séparateur {delimiter}{mark}, en-tête à la ligne {line})",
  "statement.delimiter": "« {delimiter} »",
  "statement.pattern": "{column} (motif {pattern})",
  "statement.decimalComma": ", virgule décimale",
  "statement.decimalPoint": ", point décimal",
  "statement.statement": "Relevé",
  "statement.chain": "Chaîne",
  "statement.deposits": "Dépôts (crédits) / émis",
  "statement.payouts": "Paiements (débits) / détruits",
  "statement.net": "Net / masse monétaire",
  "statement.commissions":
    "Les paiements des reconversions sont nets de la commission : les {amount} de commissions restent en circulation, leurs euros dans le fonds.",
  "mismatches.title": "Écarts avec le relevé bancaire",
  "mismatches.titleCount": "Écarts avec le relevé bancaire : {count}",
  "mismatches.none": "Aucun.",
  "mismatches.kind": "Type d'écart",
  "mismatches.count": "Nombre",
  "mismatches.onStatement": "Sur le relevé",
  "mismatches.onChain": "Sur la chaîne",
  "mismatches.group": "{title} : {count}",
  "mismatches.reference": "Référence",
  "mismatches.line": "Ligne",
  "mismatches.statementLine": "Ligne du relevé",
  "mismatches.statement": "Relevé",
  "mismatches.chain": "Chaîne",
  "mismatches.details": "Détail (en anglais)",
  "mismatches.hashOnly": "(aucune ligne du relevé ne la nomme)",
  "kind.deposit-minted-twice": "Dépôt émis deux fois",
  "kind.mint-without-deposit": "Émission sans dépôt",
  "kind.mint-amount-differs": "Émission d'un autre montant",
  "kind.payout-without-settlement": "Paiement sans destruction",
  "kind.payout-amount-differs": "Paiement d'un autre montant",
  "kind.payout-is-gross": "Paiement listé au brut",
  "kind.deposit-not-minted": "Dépôt non émis",
  "kind.settlement-without-payout": "Destruction sans paiement",
  "meaning.deposit-minted-twice": "un dépôt émis plus d'une fois, ou listé deux fois sur le relevé",
  "meaning.mint-without-deposit": "des unités émises sans dépôt sur le relevé",
  "meaning.mint-amount-differs": "des unités émises pour un autre montant que le dépôt",
  "meaning.payout-without-settlement": "des euros sortis du fonds sans que rien ne soit détruit sur la chaîne",
  "meaning.payout-amount-differs": "un paiement d'un autre montant que le versement net de la chaîne",
  "meaning.payout-is-gross":
    "une reconversion listée à son montant brut : le relevé doit montrer le versement net (brut moins la commission)",
  "meaning.deposit-not-minted": "un dépôt du relevé qui n'a jamais été émis",
  "meaning.settlement-without-payout":
    "des unités détruites (reconversion réglée, destruction par un trésorier) sans paiement sur le relevé",
  "checks.title": "Contrôles",
  "checks.result": "Résultat",
  "checks.check": "Contrôle",
  "checks.details": "Détail (en anglais)",
  "checks.ok": "réussi",
  "checks.failed": "ÉCHEC",
  "check.supply matches events": "la masse monétaire correspond aux événements",
  "check.every balance matches events": "chaque solde correspond aux événements",
  "check.each deposit minted once": "chaque dépôt n'est émis qu'une fois",
  "check.reserve arithmetic matches the contract": "le calcul de la réserve correspond à celui du contrat",
  "check.fully backed": "entièrement couverte",
  "check.bank statement reconciles": "le relevé bancaire concorde",
  "reserve.title": "Comment la réserve a été calculée",
  "reserve.none": "Aucune réserve n'a encore été attestée.",
  "reserve.attested":
    "Réserve attestée : {amount} au {when}, par l'auditeur {auditor} ; preuve {evidence}, transaction {transaction}.",
  "reserve.burned": "Moins {amount} détruits après cette date (versés par le fonds) en {count} destruction(s).",
  "reserve.burn": "{amount} le {when}, transaction {transaction}",
  "reserve.result": "Réserve : {amount}.",
  "pending.title": "En attente de leur délai",
  "pending.noGovernance": "Aucune opération de gouvernance en attente.",
  "pending.governance": "{count} opération(s) de gouvernance en attente :",
  "pending.operationReady": "{description} : exécutable dès maintenant ; pour l'annuler, {command} {id}",
  "pending.operationWaiting": "{description} : exécutable après le {when} ; pour l'annuler, {command} {id}",
  "pending.noRecovery": "Aucune récupération de clé en attente.",
  "pending.recoveries": "{count} récupération(s) de clé perdue en attente :",
  "pending.recovery":
    "{lost} vers {replacement}, proposée par {proposedBy}, exécutable après le {when} ; pour l'annuler, {command} avec l'adresse perdue",
  footer:
    "Calculé à partir de la chaîne seule : contrat {address} sur la chaîne {chainId}, blocs {from} à {to} ({when}), {events} événements relus ; {mints} dépôts émis, {settlements} reconversions réglées, {burns} destructions, {accounts} comptes. Heures en UTC.",
};

/** The report's sentences in each language: the same keys in both, checked by the type. */
export const AUDIT_REPORT_TEXT: Record<AuditLanguage, Record<AuditTextKey, string>> = { en: EN, fr: FR };

// French sets a colon, semicolon, question or exclamation mark and closing guillemet apart from the word before
// it, and an opening guillemet from the word after it, by a space that must not break the line (a lone ":"
// starting a line on a phone). The tables are written with plain spaces, as the back office's catalogue is.
const frenchSpacing = (text: string) => text.replace(/ ([:;?!»])/g, "\u00A0$1").replace(/« /g, "«\u00A0");

/**
 * The sentence `key` in `language` with its `{name}` placeholders filled by `fill` (which escapes or not).
 * Placeholders with no value are left as they are, so that a missing value shows rather than vanishes.
 */
export function auditText(
  language: AuditLanguage,
  key: AuditTextKey,
  values: Record<string, string | number> = {},
  escapeSentence: (text: string) => string = (text) => text,
): string {
  const sentence = AUDIT_REPORT_TEXT[language][key];
  const written = escapeSentence(language === "fr" ? frenchSpacing(sentence) : sentence);
  return written.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
