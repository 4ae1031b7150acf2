// The frame every form dialog shares: a titled form in a Modal, the problem (if any) in an alert
// region where screen readers announce it, and the submit and Cancel buttons (Escape is Cancel).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Modal } from './modal';

export function DialogForm({
  id,
  title,
  submitLabel,
  onSubmit,
  onClose,
  error,
  cancelLabel = 'Cancel',
  onEscape,
  children,
}: {
  id: string;
  title: ComponentChildren;
  submitLabel: string;
  onSubmit: (e: Event) => void;
  onClose: () => void;
  error?: ComponentChildren; // a message, or a richer block that carries its own role="alert"
  cancelLabel?: string;
  onEscape?: () => void; // what Escape does, when it must not be Cancel
  children: ComponentChildren;
}) {
  // The problem appears below a long form (the order dialog scrolls): bring it into view, or
  // after "Sign order" the user saw nothing change (an outside review).
  const problem = useRef<HTMLDivElement>(null);
  // Escape after typing keeps the form: an order typed in full was lost to a stray key (an
  // outside review). Cancel still discards, on purpose.
  const [typed, setTyped] = useState(false);
  const [kept, setKept] = useState(false);
  const escape = onEscape ?? (() => (typed ? setKept(true) : onClose()));
  useEffect(() => {
    if (error) problem.current?.scrollIntoView?.({ block: 'nearest' });
  }, [error]);
  return (
    <Modal labelledBy={`${id}-title`} onClose={escape}>
      <form onSubmit={onSubmit} noValidate data-keeps-work onInput={() => setTyped(true)} onChange={() => setTyped(true)}>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        <div ref={problem}>
          {typeof error === 'string'
            ? error && (
                <p class="error" role="alert">
                  {error}
                </p>
              )
            : error}
        </div>
        {kept && (
          <p class="muted" role="status">
            What you typed is kept: press {cancelLabel} to discard it.
          </p>
        )}
        <div class="toggle">
          <button type="submit">{submitLabel}</button>
          <button type="button" aria-pressed="false" onClick={onClose}>
            {cancelLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
