import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup, type SettingsSource } from '../../../components/popup/Popup';
import type { FakeHandlers } from '../../../lib/messaging/fake-connector';
import type { TabNoteState } from '../../../lib/messaging/schemas';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';
import { fakeBackground } from './fake-background';

const settingsOf = (patch: Partial<Settings> = {}): SettingsSource => ({ load: async () => ({ ...DEFAULT_SETTINGS, ...patch }) });
const show = (state: TabNoteState | null, handlers: FakeHandlers = {}, patch: Partial<Settings> = {}) => {
  const background = fakeBackground({ handlers: { 'note:get': () => state, ...handlers } });
  render(<Popup connector={background.connector} tabId={3} settings={settingsOf(patch)} />);
  return background;
};
const digest = { id: 'a'.repeat(24), url: 'https://www.xiaohongshu.com/explore/x', title: '开箱', layout: 'page' as const, source: 'dom' as const, comments: 2, replies: 0, images: 1, chars: 20 };
const withFields = (missing: string[], extra: Partial<Extract<TabNoteState, { status: 'note' }>> = {}): TabNoteState => ({
  status: 'note',
  note: digest,
  mentions: [],
  fields: { found: ['title', 'caption', 'comments'], missing, layout: 'page' },
  updatedAt: 1,
  ...extra,
});

afterEach(() => vi.restoreAllMocks());

describe('what the popup says about the page', () => {
  it('names each field the reader could not find on this layout', async () => {
    show(withFields(['replies', 'images']));
    const missing = await screen.findByTestId('missing');
    expect([...missing.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['replies not found on this layout', 'images not found on this layout']);
  });

  it('says it in Simplified Chinese', async () => {
    show(withFields(['replies']), {}, { uiLanguage: 'zh-CN' });
    expect((await screen.findByTestId('missing')).textContent).toBe('此页面布局中未找到回复');
  });

  it('says nothing is missing when nothing is', async () => {
    show(withFields([]));
    await screen.findByTestId('note-title');
    expect(screen.queryByTestId('missing')).toBeNull();
    expect(screen.queryByTestId('copy-diagnostics')).toBeNull();
  });

  it('says how many comments were read of a note larger than the caps', async () => {
    show(withFields([], { capped: { comments: 400 } }));
    expect((await screen.findByTestId('capped')).textContent).toBe('Only the first 400 comments and replies of this note were read.');
  });

  it('says "Reading this note…" while the content script reads', async () => {
    show({ status: 'reading', url: 'u', updatedAt: 1 });
    expect((await screen.findByTestId('reading')).textContent).toBe('Reading this note…');
  });

  it('says "Reading this note…" for a note tab whose script has not answered yet', async () => {
    show(null, { 'tab:probe': () => ({ page: 'note', alive: true }) });
    expect((await screen.findByTestId('reading')).textContent).toBe('Reading this note…');
  });

  it('says "Reload this page" when no script will ever answer, and reloads it on request', async () => {
    const background = show(null, { 'tab:probe': () => ({ page: 'note', alive: false }), 'tab:reload': () => ({ reloaded: true }) });
    const reload = await screen.findByTestId('reload');
    expect(reload.textContent).toContain('Reload this page');
    fireEvent.click(screen.getByRole('button', { name: 'Reload this page' }));
    await waitFor(() => expect(background.connector.calls.some((c) => c.type === 'tab:reload')).toBe(true));
  });

  it('says "Not a note page" on other pages', async () => {
    show(null, { 'tab:probe': () => ({ page: 'other', alive: false }) });
    expect((await screen.findByTestId('empty')).textContent).toMatch(/Not a note page/);
  });

  it('copies the page skeleton with the field report for a bug report', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    show(withFields(['replies']), { 'tab:skeleton': () => ({ skeleton: 'path: www.xiaohongshu.com/explore/x\ndiv#app' }) });
    fireEvent.click(await screen.findByTestId('copy-diagnostics'));
    await screen.findByText(/Copied/);
    expect(writeText.mock.calls[0]![0]).toBe('Zhongcao diagnostics\nfound: title, caption, comments\nmissing: replies\nlayout: page\n\npath: www.xiaohongshu.com/explore/x\ndiv#app');
  });
});
