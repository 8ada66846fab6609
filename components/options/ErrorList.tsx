import type { Translate } from './services';

/** A list of validation errors, each with where it is and which field; every one shown, none merged. */
export function ErrorList({ heading, items, more, t, testId }: { heading: string; items: Array<{ where: string; path: string; message: string }>; more?: number; t: Translate; testId?: string }) {
  return (
    <div class="zc-errors" role="alert" data-testid={testId}>
      <p>{heading}</p>
      <ul>
        {items.map((item, index) => (
          <li key={index}>
            <strong>{item.where}</strong>
            {item.path && (
              <>
                {' '}
                <code>{item.path}</code>
              </>
            )}
            {': '}
            {item.message}
          </li>
        ))}
        {more ? <li>{t('moreErrors', { count: more })}</li> : null}
      </ul>
    </div>
  );
}
