import { useEffect } from "preact/hooks";

import type { RoleKey } from "../context.js";

/**
 * Tells the screen which role key is open, for the parts of it that show without a key and act with one (the
 * pending operations): set while OpenRoleKey renders its children, cleared when the key is closed.
 */
export function ShareKey({ roleKey, onChange }: { roleKey: RoleKey; onChange: (key: RoleKey | undefined) => void }) {
  useEffect(() => {
    onChange(roleKey);
    return () => onChange(undefined);
  }, [roleKey]);
  return null;
}
