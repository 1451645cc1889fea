import { listPaymentRequests, type ListedPaymentRequest } from "komuno";
import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { useLocaleRerender } from "../../shared/useRerender.js";
import { CreateRequest } from "../activity/CreateRequest.js";
import { IncomingRequest } from "../activity/IncomingRequest.js";
import { OutgoingRequest } from "../activity/OutgoingRequest.js";
import { ReadState } from "../activity/parts.js";
import { useChainData } from "../activity/useChainData.js";
import { useMembership } from "../activity/useMemberKind.js";
import { useMember } from "../context.js";
import "../activity/activity.css";

// Often enough that a shop sees its request paid while the customer is still at the till; less often when
// nothing the member sent is awaited, only to see new requests arrive.
const WATCHING_MS = 3_000;
const IDLE_MS = 6_000;

/** Requests to pay addressed to the member; for a business, the requests it makes and their fate. */
export function Requests() {
  useLocaleRerender();
  const { client, address } = useMember();
  const membership = useMembership();
  const [notice, setNotice] = useState<string>();
  const requests = useChainData(
    () => listPaymentRequests(client, { account: address, includeClosed: true }),
    [client, address],
    (list) =>
      list.some((r) => r.direction === "outgoing" && r.status === "open" && !r.expired) ? WATCHING_MS : IDLE_MS,
  );
  const all = requests.data ?? [];
  const incoming = all.filter((r) => r.direction === "incoming").reverse();
  const toAnswer = incoming.filter((r) => r.status === "open");
  const answered = incoming.filter((r) => r.status !== "open");
  const outgoing = all.filter((r) => r.direction === "outgoing").reverse();
  const isBusiness = membership.data?.kind === "business";
  const changed = (text: string) => {
    setNotice(text);
    requests.reload();
  };

  return (
    <section aria-labelledby="requests-title">
      <h1 id="requests-title">{t("requests.title")}</h1>
      {notice !== undefined && (
        <p class="success" role="status">
          {notice}
        </p>
      )}
      <ReadState
        loading={requests.loading && requests.data === undefined}
        error={requests.error}
        retry={requests.reload}
      />
      {requests.data !== undefined && (
        <>
          <h2>{t("requests.incoming.title")}</h2>
          {toAnswer.length === 0 ? (
            <p>{t("requests.incoming.none")}</p>
          ) : (
            <RequestList requests={toAnswer} Item={IncomingRequest} onChanged={changed} />
          )}
          {answered.length > 0 && (
            <details>
              <summary>{t("requests.incoming.answered", { count: answered.length })}</summary>
              <RequestList requests={answered} Item={IncomingRequest} onChanged={changed} />
            </details>
          )}
        </>
      )}
      {isBusiness && <CreateRequest onCreated={requests.reload} />}
      {requests.data !== undefined && (isBusiness || outgoing.length > 0) && (
        <>
          <h2>{t("requests.outgoing.title")}</h2>
          {outgoing.length === 0 ? (
            <p>{t("requests.outgoing.none")}</p>
          ) : (
            <RequestList requests={outgoing} Item={OutgoingRequest} onChanged={changed} />
          )}
        </>
      )}
    </section>
  );
}

function RequestList({
  requests,
  Item,
  onChanged,
}: {
  requests: ListedPaymentRequest[];
  Item: typeof IncomingRequest;
  onChanged: (notice: string) => void;
}) {
  return (
    <ul class="activity-list">
      {requests.map((request) => (
        <li key={String(request.id)}>
          <Item request={request} onChanged={onChanged} />
        </li>
      ))}
    </ul>
  );
}
