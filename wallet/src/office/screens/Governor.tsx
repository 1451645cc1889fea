import { useEffect, useState } from "preact/hooks";

import { t } from "../../i18n/index.js";
import { describeError } from "../../shared/errors.js";
import { useOffice, type RoleKey } from "../context.js";
import { OpenRoleKey } from "../OpenRoleKey.js";
import { PendingOperations } from "../governance/PendingOperations.js";
import { ScheduleAllowance } from "../governance/ScheduleAllowance.js";
import { ScheduleFees } from "../governance/ScheduleFees.js";
import { ScheduleRole } from "../governance/ScheduleRole.js";
import { ShareKey } from "../governance/ShareKey.js";
import { readTimelockFacts, type TimelockFacts } from "../governance/timelock.js";
import "../governance/governance.css";

/**
 * The board's screen: what waits in the timelock (readable by anyone), and with the governor's key, scheduling
 * the operations a board makes, executing them once their public delay has passed, and cancelling them.
 */
export function Governor() {
  const { reader } = useOffice();
  const [roleKey, setRoleKey] = useState<RoleKey>();
  const [facts, setFacts] = useState<TimelockFacts>();
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (reader.timelock === undefined) return;
    readTimelockFacts(reader).then(setFacts, (failure: unknown) => setError(describeError(failure)));
  }, [reader, version]);

  return (
    <div class="governance">
      <h1>{t("gov.title")}</h1>
      <p>{t("gov.intro")}</p>
      {error && <p role="alert">{error}</p>}
      <PendingOperations id="governor" actor={roleKey} version={version} />
      <OpenRoleKey id="governor">
        {(key) => (
          <>
            <ShareKey roleKey={key} onChange={setRoleKey} />
            <div class="schedule-forms">
              <ScheduleAllowance roleKey={key} facts={facts} onScheduled={() => setVersion((n) => n + 1)} />
              <ScheduleFees roleKey={key} facts={facts} onScheduled={() => setVersion((n) => n + 1)} />
              <ScheduleRole roleKey={key} facts={facts} onScheduled={() => setVersion((n) => n + 1)} />
            </div>
          </>
        )}
      </OpenRoleKey>
    </div>
  );
}
