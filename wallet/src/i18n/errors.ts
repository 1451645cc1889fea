import { section } from "./section.js";

// What a person reads when the SDK or the contract refuses: plain words, never hex. Contract errors are
// keyed by their custom error's name; an error without an entry here falls back to the SDK's own sentence.
export const errors = section(
  {
    "error.generic": "L'opération n'a pas abouti : {reason}",
    "error.nothingChanged": "Rien n'a été modifié.",
    "error.RpcError":
      "Le serveur de la monnaie ne répond pas. Vérifiez votre connexion et réessayez : rien n'a été envoyé.",
    "error.maybeSent":
      "Le serveur de la monnaie a cessé de répondre pendant l'envoi : l'opération est peut-être faite{transaction}. Vérifiez votre historique avant de recommencer, pour ne pas la faire deux fois.",
    "error.ChainMismatchError":
      "Le serveur répond pour une autre chaîne que celle de la monnaie : rien n'a été envoyé.",
    "error.MissingSignerError": "Ouvrez votre portefeuille avec son mot de passe pour faire cette opération.",
    "error.InvalidInputError": "Donnée refusée : rien n'a été envoyé. {reason}",
    "error.InvalidAmountError": "Montant invalide : écrivez par exemple 12,50 (deux décimales au plus).",
    "error.InvalidAddressError": "Adresse invalide : 0x suivi de 40 caractères hexadécimaux.",
    "error.InvalidPaymentLinkError": "Ce lien ou ce QR code n'est pas une demande de paiement de cette monnaie.",
    "error.TransactionFailedError":
      "La transaction a échoué sur la chaîne sans raison lisible ; votre solde n'a pas bougé.",
    "revert.ERC20InsufficientBalance": "Solde insuffisant : il vous faut {needed} et vous avez {balance}.",
    "revert.AccountNotActive":
      "Le compte {account} n'est pas un compte actif de la monnaie (non admis, gelé ou fermé).",
    "revert.PaymentBetweenKindsForbidden":
      "Les règles de la monnaie interdisent ce paiement entre ces types de comptes.",
    "revert.EnforcedPause": "La monnaie est en pause : aucun paiement n'est possible pour l'instant.",
    "revert.ZeroAmount": "Le montant doit être supérieur à zéro.",
    "revert.ERC20InvalidReceiver": "Ce destinataire ne peut pas recevoir de paiement.",
    "revert.AccessControlUnauthorizedAccount": "Cette clé n'a pas le rôle nécessaire pour cette opération.",
    "revert.DepositAlreadyMinted": "Ce dépôt a déjà été émis : il ne le sera pas deux fois.",
    "revert.MintAllowanceExceeded": "L'autorisation d'émission du trésorier est dépassée.",
    "revert.ReserveExceeded": "Cette émission dépasserait la réserve en euros attestée.",
    "revert.AttestationExpired":
      "La dernière attestation de la réserve est trop ancienne : il faut une nouvelle attestation.",
    "revert.NoAttestation": "La réserve n'a jamais été attestée : aucune émission n'est possible avant.",
    "revert.ReconversionNotAllowed": "Ce type de compte ne peut pas demander de reconversion en euros.",
    "revert.ReconversionNotPending": "Cette demande de reconversion n'est plus en attente.",
    "revert.RequestNotOpen": "Cette demande de paiement n'est plus ouverte.",
    "revert.RequestExpired": "Cette demande de paiement a expiré.",
    "revert.NotRequestPayer": "Cette demande de paiement ne vous est pas adressée.",
    "revert.DelegationNotFound": "Aucune délégation en cours pour ce délégué.",
    "revert.DelegationExpired": "Cette délégation a expiré.",
    "revert.CreditFloorExceeded": "Ce paiement dépasserait votre limite de crédit.",
  },
  {
    "error.generic": "The operation did not go through: {reason}",
    "error.nothingChanged": "Nothing was changed.",
    "error.RpcError": "The currency's server does not answer. Check your connection and try again: nothing was sent.",
    "error.maybeSent":
      "The currency's server stopped answering while this was being sent: it may have gone through{transaction}. Check your history before trying again, so as not to do it twice.",
    "error.ChainMismatchError": "The server answers for another chain than the currency's: nothing was sent.",
    "error.MissingSignerError": "Open your wallet with its password to do this.",
    "error.InvalidInputError": "Input refused: nothing was sent. {reason}",
    "error.InvalidAmountError": "Invalid amount: write for instance 12.50 (at most two decimals).",
    "error.InvalidAddressError": "Invalid address: 0x followed by 40 hexadecimal characters.",
    "error.InvalidPaymentLinkError": "This link or QR code is not a payment request of this currency.",
    "error.TransactionFailedError":
      "The transaction failed on chain without a readable reason; your balance did not move.",
    "revert.ERC20InsufficientBalance": "Not enough money: you need {needed} and you have {balance}.",
    "revert.AccountNotActive":
      "Account {account} is not an active account of the currency (not admitted, frozen or closed).",
    "revert.PaymentBetweenKindsForbidden": "The currency's rules forbid this payment between these kinds of accounts.",
    "revert.EnforcedPause": "The currency is paused: no payment is possible for now.",
    "revert.ZeroAmount": "The amount must be more than zero.",
    "revert.ERC20InvalidReceiver": "This recipient cannot receive payments.",
    "revert.AccessControlUnauthorizedAccount": "This key does not hold the role this operation needs.",
    "revert.DepositAlreadyMinted": "This deposit was already minted: it will not be minted twice.",
    "revert.MintAllowanceExceeded": "The treasurer's mint allowance is exceeded.",
    "revert.ReserveExceeded": "This mint would exceed the attested euro reserve.",
    "revert.AttestationExpired": "The last reserve attestation is too old: a new attestation is needed.",
    "revert.NoAttestation": "The reserve was never attested: nothing can be minted before.",
    "revert.ReconversionNotAllowed": "This kind of account cannot ask for a reconversion to euros.",
    "revert.ReconversionNotPending": "This reconversion request is no longer pending.",
    "revert.RequestNotOpen": "This payment request is no longer open.",
    "revert.RequestExpired": "This payment request has expired.",
    "revert.NotRequestPayer": "This payment request is not addressed to you.",
    "revert.DelegationNotFound": "No delegation in force for this delegate.",
    "revert.DelegationExpired": "This delegation has expired.",
    "revert.CreditFloorExceeded": "This payment would go beyond your credit limit.",
  },
);
