import { CURRENCIES, DESTINATIONS, UI_LANGUAGES } from '../../lib/settings/schema';
import { currencyChange, destinationChange } from '../../lib/settings/currency';
import { displayName } from './format';
import type { SectionProps } from './services';

/** Native names, so a user who picked the wrong language can still find their own. */
const UI_LANGUAGE_NAMES: Record<(typeof UI_LANGUAGES)[number], string> = { en: 'English', 'zh-CN': '简体中文' };

export function GeneralSection({ settings, language, t, update }: SectionProps) {
  return (
    <section id="general" aria-labelledby="general-heading">
      <h2 id="general-heading">{t('generalHeading')}</h2>
      <label>
        {t('destination')}
        <select name="destination" value={settings.destination} onChange={(event) => void update(destinationChange(settings, event.currentTarget.value as typeof settings.destination))}>
          {DESTINATIONS.map((code) => (
            <option key={code} value={code}>
              {displayName(code, 'region', language)} ({code})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('currency')}
        <select name="currency" value={settings.currency} onChange={(event) => void update(currencyChange(event.currentTarget.value as typeof settings.currency, settings.destination))}>
          {CURRENCIES.map((code) => (
            <option key={code} value={code}>
              {code} — {displayName(code, 'currency', language)}
            </option>
          ))}
        </select>
      </label>
      {!settings.currencyChosen && (
        <p class="zc-muted zc-small" data-testid="currency-follows">
          {t('currencyFollows')}
        </p>
      )}
      <label>
        {t('uiLanguage')}
        <select name="uiLanguage" value={settings.uiLanguage} onChange={(event) => void update({ uiLanguage: event.currentTarget.value as typeof settings.uiLanguage })}>
          {UI_LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {UI_LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
      </label>
      <label class="zc-check">
        <input type="checkbox" name="markMentions" checked={settings.markMentions} onChange={(event) => void update({ markMentions: event.currentTarget.checked })} />
        {t('markMentions')}
      </label>
    </section>
  );
}
