import { useEffect, useRef } from "preact/hooks";

/**
 * An element (a heading) that takes the focus when it appears, so that a keyboard or screen-reader user lands
 * on the new step of a flow instead of at the top of the page.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
