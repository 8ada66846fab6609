/**
 * The tab a popup or side panel shows: `?tabId=<id>` when given (tests, the demo, a pinned view),
 * otherwise the active tab of the current window.
 */
export async function resolveTargetTab(
  search: string,
  queryActiveTab: () => Promise<{ id?: number } | undefined>,
): Promise<number | null> {
  const param = new URLSearchParams(search).get('tabId');
  if (param !== null) {
    const id = Number(param);
    return Number.isInteger(id) && id >= 0 ? id : null;
  }
  const tab = await queryActiveTab();
  return tab?.id ?? null;
}
