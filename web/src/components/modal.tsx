// A native modal <dialog>: focus moves into it, Tab stays inside it (the page behind is inert),
// and Escape closes it through onClose, so it works from the keyboard alone.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function Modal({
  labelledBy,
  wide = false,
  onClose,
  children,
}: {
  labelledBy: string; // the id of the heading that names the dialog
  wide?: boolean;
  onClose: () => void;
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
      class={wide ? 'card dialog wide' : 'card dialog'}
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault(); // Escape: the page decides, as for Close or Cancel
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}
