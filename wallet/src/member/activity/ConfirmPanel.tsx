import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

import { t } from "../../i18n/index.js";

/**
 * What a button is about to do, then the button and a way back. The confirming button takes the focus: the
 * button that opened the panel is gone, and a keyboard user must not be left at the top of the page.
 */
export function ConfirmPanel({
  children,
  confirmLabel,
  onConfirm,
  onBack,
  busy,
  danger = false,
  backLabel = t("app.back"),
}: {
  children: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => void;
  onBack: () => void;
  busy: boolean;
  danger?: boolean;
  backLabel?: string;
}) {
  const confirm = useRef<HTMLButtonElement>(null);
  const focused = useRef(false);
  // Once, as soon as it can take the focus: it opens disabled while the step before it (a quote) finishes.
  useEffect(() => {
    if (focused.current || busy) return;
    focused.current = true;
    confirm.current?.focus();
  }, [busy]);
  return (
    <div class="activity-confirm">
      {children}
      <button ref={confirm} type="button" class={danger ? "danger" : undefined} disabled={busy} onClick={onConfirm}>
        {confirmLabel}
      </button>
      <button type="button" class="secondary" disabled={busy} onClick={onBack}>
        {backLabel}
      </button>
    </div>
  );
}
