import { generate } from "lean-qr";
import { toSvgPath } from "lean-qr/extras/svg";
import { useMemo } from "preact/hooks";

const QUIET_ZONE = 4;

/**
 * A QR code drawn as SVG (sharp at any size, printable), named for screen readers by `label`; the text it
 * encodes must also be shown beside it, as its text alternative people can read and copy.
 */
export function QrCode({ text, label, size = 240 }: { text: string; label: string; size?: number }) {
  const { modules, path } = useMemo(() => {
    const code = generate(text);
    return { modules: code.size, path: toSvgPath(code) };
  }, [text]);
  const span = modules + 2 * QUIET_ZONE;
  return (
    <svg
      role="img"
      aria-label={label}
      class="qr"
      width={size}
      height={size}
      viewBox={`${-QUIET_ZONE} ${-QUIET_ZONE} ${span} ${span}`}
      shape-rendering="crispEdges"
    >
      <rect x={-QUIET_ZONE} y={-QUIET_ZONE} width={span} height={span} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
