import { useState } from "preact/hooks";

import { t } from "../../i18n/index.js";

/**
 * A drop zone that is also a labelled file input, so the keyboard and screen readers reach the same thing a
 * mouse drops a file on. The input is emptied after each choice: choosing the same file again is a new check.
 */
export function FileDrop({
  id,
  label,
  onFile,
  disabled = false,
}: {
  id: string;
  label: string;
  onFile: (file: File) => void;
  /** While a job runs: another file waits until this one is done. */
  disabled?: boolean;
}) {
  const [over, setOver] = useState(false);
  function take(files: FileList | null | undefined) {
    const file = files?.[0];
    if (file !== undefined && !disabled) onFile(file);
  }
  return (
    <div
      class={over ? "drop-zone over" : "drop-zone"}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        take(event.dataTransfer?.files);
      }}
    >
      <label for={id}>{label}</label>
      <p class="hint">{t("desk.file.drop")}</p>
      <input
        id={id}
        type="file"
        disabled={disabled}
        accept=".csv,text/csv,text/plain"
        onChange={(event) => {
          const input = event.target as HTMLInputElement;
          take(input.files);
          input.value = "";
        }}
      />
    </div>
  );
}
