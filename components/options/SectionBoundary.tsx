import { Component, type ComponentChildren } from 'preact';
import type { Translate } from './services';

interface Props {
  id: string;
  heading: string;
  t: Translate;
  children: ComponentChildren;
}

/**
 * One options section that failed to render shows its error and a retry, and the others keep
 * working: one wrongly shaped record (a restored backup, a hand-edited profile) must not take
 * "Your data" — restore and delete — down with it.
 */
export class SectionBoundary extends Component<Props, { error: string | null }> {
  override state = { error: null as string | null };

  static override getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown) {
    console.error(`[zhongcao] the ${this.props.id} section failed`, error);
  }

  override render() {
    const { id, heading, t, children } = this.props;
    if (this.state.error === null) return children;
    return (
      <section id={id} aria-labelledby={`${id}-heading`} data-testid={`section-error-${id}`}>
        <h2 id={`${id}-heading`}>{heading}</h2>
        <div role="alert" class="zc-warning">
          <p>{t('sectionFailed', { message: this.state.error })}</p>
          <button type="button" onClick={() => this.setState({ error: null })}>
            {t('retry')}
          </button>
        </div>
      </section>
    );
  }
}
