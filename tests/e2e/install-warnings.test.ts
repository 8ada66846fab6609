import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useExtensionBrowser } from '../support/extension-session';
import { CHROME_BUILD, openPage } from '../support/chromium';

/**
 * What Chrome tells a user who installs the extension, asked of Chrome itself
 * (`management.getPermissionWarningsByManifest` on the built manifest), and the name it shows.
 */

const session = useExtensionBrowser();

describe('installing', () => {
  it('warns that we read and change data on our sites and show notifications, never "Read your browsing history"; a localised name; icons', async () => {
    const manifest = readFileSync(join(CHROME_BUILD, 'manifest.json'), 'utf8');
    const parsed = JSON.parse(manifest) as { permissions: string[]; icons: Record<string, string>; name: string };
    const withTabs = JSON.stringify({ ...parsed, permissions: [...parsed.permissions, 'tabs'] });
    const page = await openPage(session.ext, session.ext.pageUrl('options.html'));
    const [warnings, warningsWithTabs, self] = await page.evaluate(async (ours: string, theirs: string) => {
      const api = (globalThis as unknown as { chrome: { management: { getPermissionWarningsByManifest(m: string): Promise<string[]>; getSelf(): Promise<{ name: string; description: string }> } } }).chrome.management;
      return [await api.getPermissionWarningsByManifest(ours), await api.getPermissionWarningsByManifest(theirs), await api.getSelf()] as const;
    }, manifest, withTabs);
    console.log(`[install] warnings: ${JSON.stringify(warnings)}; with "tabs" they would be ${JSON.stringify(warningsWithTabs)}`);
    // Host access to our sites, and the price-drop alerts of watched listings; never browsing history.
    expect(warnings).toEqual(['Read and change your data on a number of websites', 'Display notifications']);
    expect(warnings).not.toContain('Read your browsing history');
    expect(warningsWithTabs).toContain('Read your browsing history');
    expect(parsed.name).toBe('__MSG_extName__');
    expect(self.name).toBe('Zhongcao — RedNote finds, priced to your door');
    expect(Object.keys(parsed.icons).sort((a, b) => Number(a) - Number(b))).toEqual(['16', '32', '48', '128']);
    await page.close();
  });

  it('opens the first-run page on install, and it saves destination, currency and translation provider', async () => {
    // The session's support closed the tab the install opened; open the same page again.
    const page = await openPage(session.ext, session.ext.pageUrl('welcome.html'));
    await page.waitForSelector('[data-testid="welcome-form"]');
    await page.select('select[name="destination"]', 'GB');
    expect(await page.$eval('select[name="currency"]', (el) => (el as HTMLSelectElement).value)).toBe('GBP');
    await page.click('input[name="provider"][value="glossary"]');
    await page.click('[data-testid="welcome-save"]');
    await page.waitForFunction(() => /Saved/.test(document.querySelector('[data-testid="welcome-status"]')?.textContent ?? ''));
    const options = await openPage(session.ext, session.ext.pageUrl('options.html'));
    await options.waitForSelector('select[name="destination"]');
    expect(await options.$eval('select[name="destination"]', (el) => (el as HTMLSelectElement).value)).toBe('GB');
    expect(await options.$eval('select[name="currency"]', (el) => (el as HTMLSelectElement).value)).toBe('GBP');
    await Promise.all([options.close(), page.close()]);
  });
});
