import { useEffect, useMemo, useState } from 'preact/hooks';
import { defineStrings, translator, type UiLanguage } from '../../lib/i18n';
import { currencyChange, destinationChange } from '../../lib/settings/currency';
import { CURRENCIES, DESTINATIONS, UI_LANGUAGES, type Settings } from '../../lib/settings/schema';

const STRINGS = defineStrings({
  en: {
    title: 'Welcome to Zhongcao',
    intro: 'Three questions, and Zhongcao quotes what Xiaohongshu finds cost at your door. You can change any of them later in the settings.',
    destination: 'Where do you live? (where parcels go)',
    currency: 'Your currency',
    currencyFollows: 'Follows where you live until you pick one.',
    language: 'Language of Zhongcao',
    provider: 'Translating notes',
    onDevice: 'On your computer (Chrome’s built-in translator): private and free; downloads a language pack once',
    endpoint: 'A translation service you set up in the settings (LibreTranslate, DeepL or an OpenAI-compatible API), then on your computer',
    glossary: 'Offline glossary only: explains product words, brands and slang, nothing leaves your computer',
    done: 'Save and start',
    saved: 'Saved. Open a Xiaohongshu note and click the Zhongcao button in the toolbar.',
    failed: 'Could not save: {message}',
    settings: 'All settings',
    loading: 'Loading…',
  },
  'zh-CN': {
    title: '欢迎使用种草',
    intro: '回答三个问题，种草就能计算小红书里的商品寄到你家的到手价。之后都可以在设置中修改。',
    destination: '你住在哪里？（包裹寄往）',
    currency: '你的货币',
    currencyFollows: '在你选择之前，跟随所在地区。',
    language: '种草的界面语言',
    provider: '翻译笔记',
    onDevice: '在本机翻译（Chrome 内置翻译）：私密免费，首次需下载语言包',
    endpoint: '使用你在设置中配置的翻译服务（LibreTranslate、DeepL 或兼容 OpenAI 的 API），其次本机翻译',
    glossary: '只用离线词汇表：解释商品词、品牌和网络用语，不向外发送任何内容',
    done: '保存并开始',
    saved: '已保存。打开一篇小红书笔记，点击工具栏中的种草按钮。',
    failed: '无法保存：{message}',
    settings: '全部设置',
    loading: '加载中…',
  },
});

const PROVIDERS = {
  onDevice: ['on-device', 'endpoint', 'glossary'],
  endpoint: ['endpoint', 'on-device', 'glossary'],
  glossary: ['glossary'],
} as const satisfies Record<string, Settings['translationProviders']>;
type ProviderChoice = keyof typeof PROVIDERS;

function choiceOf(providers: Settings['translationProviders']): ProviderChoice {
  if (providers[0] === 'endpoint') return 'endpoint';
  if (!providers.includes('on-device') && !providers.includes('endpoint')) return 'glossary';
  return 'onDevice';
}

const regionName = (code: string, language: UiLanguage) => new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
const currencyName = (code: string, language: UiLanguage) => new Intl.DisplayNames([language], { type: 'currency' }).of(code) ?? code;

export interface WelcomeProps {
  settings: { load(): Promise<Settings>; save(patch: Partial<Settings>): Promise<Settings> };
  optionsUrl: string;
}

/** The first-run page: destination, currency (following the destination) and translation provider. */
export function Welcome({ settings: store, optionsUrl }: WelcomeProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saved' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  useEffect(() => {
    void store.load().then(setSettings, (error: unknown) => setStatus({ kind: 'failed', message: String(error) }));
  }, [store]);
  const language: UiLanguage = settings?.uiLanguage ?? (navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
  const t = useMemo(() => translator(STRINGS, language), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('title');
  }, [language, t]);
  if (!settings) return <main class="zc-options" aria-busy="true"><p role="status">{t('loading')}</p></main>;
  const change = (patch: Partial<Settings>) => setSettings({ ...settings, ...patch });
  const save = async (event: Event) => {
    event.preventDefault();
    try {
      setSettings(await store.save(settings));
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const choice = choiceOf(settings.translationProviders);
  return (
    <main class="zc-options zc-welcome" lang={language}>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <form onSubmit={(event) => void save(event)} data-testid="welcome-form">
        <label>
          {t('destination')}
          <select name="destination" value={settings.destination} onChange={(event) => change(destinationChange(settings, event.currentTarget.value as Settings['destination']))}>
            {DESTINATIONS.map((code) => (
              <option key={code} value={code}>
                {regionName(code, language)} ({code})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('currency')}
          <select name="currency" value={settings.currency} onChange={(event) => change(currencyChange(event.currentTarget.value as Settings['currency'], settings.destination))}>
            {CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code} — {currencyName(code, language)}
              </option>
            ))}
          </select>
        </label>
        {!settings.currencyChosen && <p class="zc-muted zc-small">{t('currencyFollows')}</p>}
        <label>
          {t('language')}
          <select name="uiLanguage" value={settings.uiLanguage} onChange={(event) => change({ uiLanguage: event.currentTarget.value as Settings['uiLanguage'] })}>
            {UI_LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {code === 'en' ? 'English' : '简体中文'}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t('provider')}</legend>
          {(Object.keys(PROVIDERS) as ProviderChoice[]).map((key) => (
            <label key={key} class="zc-check">
              <input type="radio" name="provider" value={key} checked={choice === key} onChange={() => change({ translationProviders: [...PROVIDERS[key]] })} />
              {t(key)}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="zc-primary" data-testid="welcome-save">
          {t('done')}
        </button>
      </form>
      <p role="status" data-testid="welcome-status">
        {status.kind === 'saved' ? t('saved') : status.kind === 'failed' ? t('failed', { message: status.message }) : ''}
      </p>
      <p>
        <a href={optionsUrl}>{t('settings')}</a>
      </p>
    </main>
  );
}
