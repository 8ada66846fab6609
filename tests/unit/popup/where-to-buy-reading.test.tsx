import { render, screen, waitFor } from '@testing-library/preact';
import { beforeAll, describe, expect, it } from 'vitest';
import { Popup, type SettingsSource } from '../../../components/popup/Popup';
import '../../../lib/mentions/lexicon-bundled';
import { loadLexiconData } from '../../../lib/mentions/lexicon-data';
import type { TabNoteState } from '../../../lib/messaging/schemas';
import { findPrices } from '../../../lib/mentions/prices';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';
import { loadCedictFile } from '../../../lib/translate/cedict-file';
import { createOfflineReader, type OfflineReader } from '../../../lib/translate/reading';
import { fakeBackground } from './fake-background';

const settingsOf = (patch: Partial<Settings> = {}): SettingsSource => ({ load: async () => ({ ...DEFAULT_SETTINGS, ...patch }) });
const COMMENT = '🍑搜 同名店铺 就有';
const noteState: TabNoteState = {
  status: 'note',
  note: { id: 'c'.repeat(24), url: 'https://www.xiaohongshu.com/explore/z', title: '秋冬刺绣卫衣', layout: 'page', source: 'dom', comments: 1, replies: 0, images: 0, chars: 6 },
  mentions: [],
  whereToBuy: [{ kind: 'hint', text: COMMENT, field: 'comments.0', source: { where: 'comment', author: '小鹿不迷路', text: COMMENT } }],
  updatedAt: 1,
};

let reader: OfflineReader;
beforeAll(async () => {
  await loadLexiconData();
  reader = createOfflineReader({ dictionary: loadCedictFile(), findPrices });
});

describe('where to buy, in the popup', () => {
  it('shows each hint’s source read word by word, as plain text and called a reading', async () => {
    const background = fakeBackground({
      handlers: {
        'note:get': () => noteState,
        // The background's answer: the reading line the page renders word by word.
        'translate:gloss': ({ texts }) => ({ lines: texts.map((text) => reader.line(text)) }),
      },
    });
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf()} />);
    const entry = await screen.findByTestId('where-entry');
    await waitFor(() => expect(entry.textContent).toContain("Word-by-word reading: Taobao, peach = táo · search · shop of the same name · you'll find it"));
    expect(entry.textContent).not.toContain('zc-reading');
    expect(entry.textContent).not.toContain('Translated');
  });
});
