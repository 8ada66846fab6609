import { describe, expect, it } from 'vitest';
import { ON_DEVICE_STATE_MAX_AGE_MS, onDeviceStates, rememberOnDeviceState } from '../../../lib/translate/on-device-states';

describe('on-device states reported by pages', () => {
  it('keeps the latest answer per pair and stops handing out old ones', async () => {
    const t0 = Date.UTC(2026, 10, 26, 12);
    await rememberOnDeviceState('zh>en', 'downloadable', t0);
    await rememberOnDeviceState('ja>en', 'unavailable', t0);
    await rememberOnDeviceState('zh>en', 'available', t0 + 1000);
    expect(await onDeviceStates(t0 + 2000)).toEqual([
      ['zh>en', 'available'],
      ['ja>en', 'unavailable'],
    ]);
    expect(await onDeviceStates(t0 + 1000 + ON_DEVICE_STATE_MAX_AGE_MS)).toEqual([]);
  });
});
