/**
 * Runs `work` once the page is idle (within 3 s at the latest), or after a second where there is no
 * `requestIdleCallback`. What a note needs but no note decides is prepared this way. A
 * failure is logged and goes no further: it must not break the page.
 */
export function whenIdle(work: () => void): void {
  const idle = (globalThis as { requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number }).requestIdleCallback;
  const run = () => {
    try {
      work();
    } catch (error) {
      console.debug('[zhongcao] idle preparation failed', error);
    }
  };
  if (idle) idle(run, { timeout: 3000 });
  else setTimeout(run, 1000);
}
