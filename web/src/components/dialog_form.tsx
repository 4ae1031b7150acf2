// The frame every form dialog shares: a titled form over a dimmed page, the problem (if any) in an
// alert region where screen readers announce it, and the submit and Cancel buttons.
import type { ComponentChildren } from 'preact';

export function DialogForm({
  id,
  title,
  submitLabel,
  onSubmit,
  onClose,
  error,
  children,
}: {
  id: string;
  title: ComponentChildren;
  submitLabel: string;
  onSubmit: (e: Event) => void;
  onClose: () => void;
  error?: ComponentChildren; // a message, or a richer block that carries its own role="alert"
  children: ComponentChildren;
}) {
  return (
    <div class="dialog-backdrop">
      <form class="card dialog" role="dialog" aria-labelledby={`${id}-title`} onSubmit={onSubmit} noValidate>
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
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
