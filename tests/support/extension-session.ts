import { afterAll, beforeAll } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './chromium';
import { startFixtureServer, type FixtureServer } from './fixture-server';

/**
 * One fixture server and one Chromium with the built extension for a test file, started before its
 * tests and closed after them. Read `session.ext` / `session.server` inside tests.
 */
export function useExtensionBrowser(options: Parameters<typeof launchWithExtension>[1] = {}) {
  const session = {} as { ext: ExtensionBrowser; server: FixtureServer };
  beforeAll(async () => {
    session.server = await startFixtureServer();
    session.ext = await launchWithExtension(session.server, options);
  });
  afterAll(async () => {
    await session.ext?.close();
    await session.server?.close();
  });
  return session;
}
