// Escape closes an untouched form dialog, but keeps one with something typed in it (a whole
// order was lost to a stray key); Cancel discards on purpose.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { DialogForm } from './components/dialog_form';

afterEach(cleanup);

function form(onClose: () => void) {
  return (
    <DialogForm id="t" title="New order" submitLabel="Sign order" onSubmit={(e) => e.preventDefault()} onClose={onClose}>
      <label for="dose">Dose</label>
      <input id="dose" />
    </DialogForm>
  );
}

describe('DialogForm', () => {
  it('closes on Escape when nothing is typed', () => {
    const close = vi.fn();
    render(form(close));
    fireEvent(document.querySelector('dialog')!, new Event('cancel', { cancelable: true }));
    expect(close).toHaveBeenCalled();
  });

  it('keeps what is typed on Escape, and Cancel still discards it', () => {
    const close = vi.fn();
    render(form(close));
    fireEvent.input(screen.getByLabelText('Dose'), { target: { value: '0.4' } });
    fireEvent(document.querySelector('dialog')!, new Event('cancel', { cancelable: true }));
    expect(close).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toContain('press Cancel to discard it');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(close).toHaveBeenCalled();
  });
});
