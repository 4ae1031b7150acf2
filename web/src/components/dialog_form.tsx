// The frame every form dialog shares: a titled form over a dimmed page, the problem (if any) in an
// alert region where screen readers announce it, and the submit and Cancel buttons. A native
// modal <dialog>: focus moves into it, Tab stays inside it (the page behind is inert), and
// Escape closes it like Cancel, so it works from the keyboard alone.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function DialogForm({
  id,
  title,
  submitLabel,
  onSubmit,
  onClose,
  error,
  cancelLabel = 'Cancel',
  children,
}: {
  id: string;
  title: ComponentChildren;
  submitLabel: string;
  onSubmit: (e: Event) => void;
  onClose: () => void;
  error?: ComponentChildren; // a message, or a richer block that carries its own role="alert"
  cancelLabel?: string;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (typeof dialog.showModal === 'function' && !dialog.open) dialog.showModal();
    else dialog.setAttribute('open', '');
    return () => {
      if (dialog.open && typeof dialog.close === 'function') dialog.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class="card dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault(); // Escape: the page decides, as for Cancel
        onClose();
      }}
    >
      <form onSubmit={onSubmit} noValidate>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        {typeof error === 'string'
          ? error && (
              <p class="error" role="alert">
                {error}
              </p>
            )
          : error}
        <div class="toggle">
          <button type="submit">{submitLabel}</button>
          <button type="button" aria-pressed="false" onClick={onClose}>
            {cancelLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
