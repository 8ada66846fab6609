import { afterEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup } from '@testing-library/preact';

afterEach(() => {
  cleanup();
  fakeBrowser.reset();
});
