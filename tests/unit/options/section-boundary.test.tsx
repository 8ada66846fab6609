import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { SectionBoundary } from '../../../components/options/SectionBoundary';
import { translator } from '../../../lib/i18n';
import { OPTIONS_STRINGS } from '../../../components/options/strings';

describe('SectionBoundary', () => {
  it('a section that throws shows its error and a retry; its neighbours still render', () => {
    const t = translator(OPTIONS_STRINGS, 'en');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    let fail = true;
    const Broken = () => {
      if (fail) throw new Error('a record of the wrong shape');
      return <p>data works again</p>;
    };
    render(
      <main>
        <SectionBoundary id="data" heading="Your data" t={t}>
          <Broken />
        </SectionBoundary>
        <SectionBoundary id="general" heading="General" t={t}>
          <p>general works</p>
        </SectionBoundary>
      </main>,
    );
    expect(screen.getByText('general works')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('This section could not be shown: a record of the wrong shape.');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('data works again')).toBeTruthy();
  });
});
