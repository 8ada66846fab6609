import { describe, expect, it } from 'vitest';
import { createRuntimeConnector, MessageError } from '../../../lib/messaging/connector';
import { createFakeConnector } from '../../../lib/messaging/fake-connector';
import { classifySender, createRouter, type SenderInfo } from '../../../lib/messaging/router';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const identity = { extensionId: ID, extensionOrigin: ORIGIN };
const noteTab = { id: 7, url: 'https://www.xiaohongshu.com/explore/6745a1b2000000001e01c3d4' };

const validNote = {
  status: 'not-note' as const,
  url: 'https://www.xiaohongshu.com/explore',
  updatedAt: 1,
};

describe('classifySender', () => {
  it.each<[string, SenderInfo, string | null]>([
    ['our popup', { id: ID, url: `${ORIGIN}popup.html` }, 'extension'],
    ['our options page open in a tab', { id: ID, url: `${ORIGIN}options.html`, tab: { id: 3 } }, 'extension'],
    ['our content script on Xiaohongshu', { id: ID, url: noteTab.url, tab: noteTab }, 'xiaohongshu'],
    ['our content script on RedNote', { id: ID, url: 'https://www.rednote.com/explore', tab: { id: 2 } }, 'xiaohongshu'],
    ['our content script on Tmall', { id: ID, url: 'https://detail.tmall.com/item.htm?id=1', tab: { id: 2 } }, 'taobao'],
    ['another extension', { id: 'other', url: `${ORIGIN}popup.html` }, null],
    ['our id on a host we never declared', { id: ID, url: 'https://evil.example/', tab: { id: 2 } }, null],
    ['a look-alike host', { id: ID, url: 'https://www.xiaohongshu.com.evil.example/', tab: { id: 2 } }, null],
    ['no URL at all', { id: ID }, null],
  ])('%s', (_name, sender, expected) => {
    expect(classifySender(sender, ID, ORIGIN)).toBe(expected);
  });
});

describe('the background router', () => {
  const route = createRouter(
    {
      ping: () => ({ version: '1.2.3' }),
      'note:update': (_state, { tabId }) => {
        if (tabId !== 7) throw new Error('wrong tab');
        return { stored: true as const };
      },
      'note:get': () => {
        throw new Error('database is closed');
      },
    },
    identity,
  );
  const fromContent = { id: ID, url: noteTab.url, tab: noteTab };
  const fromPopup = { id: ID, url: `${ORIGIN}popup.html` };

  it('answers a valid message', async () => {
    expect(await route({ zc: 1, type: 'ping', payload: {} }, fromPopup)).toEqual({ ok: true, data: { version: '1.2.3' } });
    expect(await route({ zc: 1, type: 'note:update', payload: validNote }, fromContent)).toEqual({ ok: true, data: { stored: true } });
  });

  it('leaves messages that are not ours to other listeners', async () => {
    expect(await route({ hello: 'world' }, fromPopup)).toBeUndefined();
    expect(await route('ping', fromPopup)).toBeUndefined();
  });

  it.each([
    ['an unknown type', { zc: 1, type: 'db:wipe', payload: {} }, fromPopup, /Unknown message type "db:wipe"/],
    ['a payload that does not parse', { zc: 1, type: 'note:get', payload: { tabId: 'x' } }, fromPopup, /Invalid "note:get" message: tabId/],
    ['a sender the message does not allow', { zc: 1, type: 'note:get', payload: { tabId: 1 } }, fromContent, /not accepted from this sender/],
    ['a note update from a page of another site', { zc: 1, type: 'note:update', payload: validNote }, { id: ID, url: 'https://s.taobao.com/search', tab: { id: 7 } }, /not accepted/],
    ['a handler that fails', { zc: 1, type: 'note:get', payload: { tabId: 1 } }, fromPopup, /database is closed/],
    ['a message with no handler', { zc: 1, type: 'taobao:search', payload: { query: '卫衣' } }, fromPopup, /No handler/],
  ])('refuses %s with a clear error', async (_name, message, sender, error) => {
    const reply = await route(message, sender);
    expect(reply).toMatchObject({ ok: false });
    expect((reply as { error: string }).error).toMatch(error);
  });

  it('refuses a hostile payload that is too big', async () => {
    const huge = { status: 'unrecognised', url: 'x', reason: 'r'.repeat(10_000), updatedAt: 1 };
    expect(await route({ zc: 1, type: 'note:update', payload: huge }, fromContent)).toMatchObject({ ok: false });
  });
});

describe('connectors', () => {
  it('the runtime connector unwraps answers and turns errors into MessageError', async () => {
    const ok = createRuntimeConnector(async () => ({ ok: true, data: { version: '9.9.9' } }));
    expect(await ok.send('ping', {})).toEqual({ version: '9.9.9' });
    const failing = createRuntimeConnector(async () => ({ ok: false, error: 'nope' }));
    await expect(failing.send('ping', {})).rejects.toThrow(MessageError);
    const silent = createRuntimeConnector(async () => undefined);
    await expect(silent.send('ping', {})).rejects.toThrow(/No answer/);
  });

  it('the fake connector checks payloads with the same schemas and records calls', async () => {
    const fake = createFakeConnector({ 'note:get': () => null });
    expect(await fake.send('note:get', { tabId: 4 })).toBeNull();
    await expect(fake.send('note:get', { tabId: -1 })).rejects.toThrow(/Invalid "note:get"/);
    await expect(fake.send('ping', {})).rejects.toThrow(/No fake handler/);
    expect(fake.calls.map((c) => c.type)).toEqual(['note:get', 'note:get', 'ping']);
  });
});
