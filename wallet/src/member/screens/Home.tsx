import {
  ExtensionNotDeployedError,
  getBalance,
  getCreditAccount,
  getMember,
  type CreditAccount,
  type KomunoClient,
  type Member,
} from "komuno";

import { t } from "../../i18n/index.js";
import { formatMoney } from "../../shared/format.js";
import { ChainReadFailure } from "../components/ChainReadFailure.js";
import { OfflineNotice } from "../components/OfflineNotice.js";
import { QrCode } from "../components/QrCode.js";
import { useChainRead } from "../components/useChainRead.js";
import { useMember } from "../context.js";
import "../wallet.css";

interface Account {
  balance: bigint;
  member: Member;
  /** Absent when the currency has no mutual credit or the member has no credit line. */
  credit?: CreditAccount;
}

async function readAccount(client: KomunoClient, account: string): Promise<Account> {
  const [balance, member, credit] = await Promise.all([
    getBalance(client, { account }),
    getMember(client, { account }),
    readCreditLine(client, account),
  ]);
  return { balance, member, credit };
}

async function readCreditLine(client: KomunoClient, account: string): Promise<CreditAccount | undefined> {
  try {
    const credit = await getCreditAccount(client, { account });
    const hasLine = credit.floor > 0n || credit.ceiling > 0n || credit.balance !== 0n;
    return hasLine ? credit : undefined;
  } catch (error) {
    if (error instanceof ExtensionNotDeployedError) return undefined;
    throw error;
  }
}

/** The balance screen: what the member has, whether the account may be used, and any credit line. */
export function Home() {
  const { client, address, symbol } = useMember();
  const read = useChainRead(() => readAccount(client, address), [client, address]);
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{t("home.title")}</h1>
      <OfflineNotice />
      {read.state === "failed" && <ChainReadFailure error={read.error} symbol={symbol} onRetry={read.reload} />}
      {read.value === undefined ? (
        read.state === "loading" && <p aria-busy="true">{t("home.loading")}</p>
      ) : (
        <AccountView account={read.value} address={address} symbol={symbol} />
      )}
    </section>
  );
}

function AccountView({ account, address, symbol }: { account: Account; address: string; symbol: string }) {
  const { balance, member, credit } = account;
  return (
    <>
      <div class="card">
        <h2>{t("home.balance")}</h2>
        <p class="amount-big">{formatMoney(balance, symbol)}</p>
        <p class="hint mono">{t("wallet.account", { address })}</p>
      </div>
      <Membership member={member} address={address} />
      {credit && <CreditLine credit={credit} symbol={symbol} />}
    </>
  );
}

function Membership({ member, address }: { member: Member; address: string }) {
  if (member.status === "active") {
    return <p>{t(member.kind === "business" ? "home.activeBusiness" : "home.active")}</p>;
  }
  if (member.status === "frozen") return <p class="warning">{t("home.frozen")}</p>;
  if (member.status === "closed") return <p class="warning">{t("home.closed")}</p>;
  return (
    <div class="card">
      <h2>{t("home.notAdmittedTitle")}</h2>
      <p>{t("home.notAdmitted")}</p>
      <QrCode text={address} label={t("home.addressQr")} />
      <p class="mono">{address}</p>
    </div>
  );
}

function CreditLine({ credit, symbol }: { credit: CreditAccount; symbol: string }) {
  return (
    <div class="card">
      <h2>{t("home.creditTitle")}</h2>
      <dl class="facts">
        <dt>{t("home.creditBalance")}</dt>
        <dd>{formatMoney(credit.balance, symbol)}</dd>
        <dt>{t("home.creditCanPay")}</dt>
        <dd>{formatMoney(credit.canPay, symbol)}</dd>
        <dt>{t("home.creditFloor")}</dt>
        <dd>{formatMoney(-credit.floor, symbol)}</dd>
        <dt>{t("home.creditCeiling")}</dt>
        <dd>{formatMoney(credit.ceiling, symbol)}</dd>
      </dl>
      {credit.canPay > 0n && (
        <a href="#/credit" class="button-link">
          {t("home.creditPay")}
        </a>
      )}
    </div>
  );
}
