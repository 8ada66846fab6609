/**
 * A timeout that ends with `signal`: cleared when it aborts, nothing kept after. WXT's
 * `ctx.setTimeout` adds a listener to the context's signal for every call and never removes it;
 * V8 keeps the handler alive through that listener, so each note opened in-app kept its closed
 * note's DOM. Callers pass a signal that also aborts when the context is invalidated.
 */
export function timeout(handler: () => void, ms: number, signal: AbortSignal): void {
  if (signal.aborted) return;
  const clear = () => clearTimeout(id);
  const id = setTimeout(() => {
    signal.removeEventListener('abort', clear);
    if (!signal.aborted) handler();
  }, ms);
  signal.addEventListener('abort', clear, { once: true });
}
