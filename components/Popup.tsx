import { useEffect, useState } from 'preact/hooks';
import type { Connector } from '../lib/messaging/connector';
import type { TabNoteState } from '../lib/messaging/schemas';

type Load = { phase: 'loading' } | { phase: 'ready'; state: TabNoteState | null } | { phase: 'error'; message: string };

export function Popup({ connector, tabId }: { connector: Connector; tabId: number | null }) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  useEffect(() => {
    if (tabId === null) {
      setLoad({ phase: 'ready', state: null });
      return;
    }
    connector
      .send('note:get', { tabId })
      .then((state) => {
        setLoad({ phase: 'ready', state });
        // The benchmark reads this mark: the moment the popup shows something useful.
        requestAnimationFrame(() => performance.mark('zc-useful'));
      })
      .catch((error: unknown) => setLoad({ phase: 'error', message: error instanceof Error ? error.message : String(error) }));
  }, [connector, tabId]);

  return (
    <main class="zc-popup" aria-busy={load.phase === 'loading'}>
      <h1>Zhongcao</h1>
      {load.phase === 'loading' && <p role="status">Reading this page…</p>}
      {load.phase === 'error' && <p role="alert">Could not reach Zhongcao's background: {load.message}</p>}
      {load.phase === 'ready' && <PopupBody state={load.state} />}
    </main>
  );
}

function PopupBody({ state }: { state: TabNoteState | null }) {
  if (!state || state.status === 'not-note') {
    return <p data-testid="empty">Not a note page. Open a Xiaohongshu note to see its products.</p>;
  }
  if (state.status === 'unrecognised') {
    return <p data-testid="unrecognised">This page was not recognised: {state.reason}</p>;
  }
  return (
    <section>
      <h2 data-testid="note-title">{state.note.title || 'Untitled note'}</h2>
      {state.mentions.length === 0 ? <p>No products in this note.</p> : <p>{state.mentions.length} mentions</p>}
    </section>
  );
}
