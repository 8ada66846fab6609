import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { Popup } from '../../../components/Popup';
import { createFakeConnector } from '../../../lib/messaging/fake-connector';
import type { TabNoteState } from '../../../lib/messaging/schemas';

const note: TabNoteState = {
  status: 'note',
  note: { id: 'a'.repeat(24), url: 'https://www.xiaohongshu.com/explore/x', title: '刺绣卫衣', desc: '', tags: [], author: 'x', images: [], comments: [], layout: 'page', source: 'dom' },
  mentions: [],
  updatedAt: 1,
};

describe('Popup', () => {
  it('shows loading, then the note', async () => {
    const connector = createFakeConnector({ 'note:get': () => note });
    render(<Popup connector={connector} tabId={3} />);
    expect(screen.getByRole('status').textContent).toMatch(/Reading this page/);
    expect((await screen.findByTestId('note-title')).textContent).toBe('刺绣卫衣');
    expect(connector.calls).toEqual([{ type: 'note:get', payload: { tabId: 3 } }]);
  });

  it('says when the page is not a note', async () => {
    render(<Popup connector={createFakeConnector({ 'note:get': () => null })} tabId={3} />);
    expect((await screen.findByTestId('empty')).textContent).toMatch(/Not a note page/);
  });

  it('says when the layout was not recognised', async () => {
    const state: TabNoteState = { status: 'unrecognised', url: 'u', reason: 'no note container', updatedAt: 1 };
    render(<Popup connector={createFakeConnector({ 'note:get': () => state })} tabId={3} />);
    expect((await screen.findByTestId('unrecognised')).textContent).toMatch(/not recognised/);
  });

  it('shows an error when the background cannot be reached', async () => {
    render(<Popup connector={createFakeConnector({ 'note:get': () => { throw new Error('gone'); } })} tabId={3} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/gone/);
  });
});
