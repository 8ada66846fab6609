import { afterEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup } from '@testing-library/preact';
// Node reads the lexicon from its JSON files; extension contexts load it from a packaged asset.
import '../../lib/mentions/lexicon-bundled';
import '../../lib/landed/bundled';

afterEach(() => {
  cleanup();
  fakeBrowser.reset();
});
