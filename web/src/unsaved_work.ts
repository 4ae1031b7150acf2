// A warning before what someone has typed is thrown away: closing or reloading the tab, or
// following one of the app's own links, while a form that records clinical work holds edits not
// yet submitted. Such forms carry the attribute `data-keeps-work` (a search box does not).
// A form counts as unsaved from its first edit until it is submitted or leaves the page (a
// dialog closed after saving, or a page left on purpose).

const edited = new Set<HTMLFormElement>();

export const LEAVE_QUESTION = 'Leave this page? What you have entered here is not saved.';

function keepsWork(target: EventTarget | null): HTMLFormElement | null {
  return target instanceof Element ? target.closest<HTMLFormElement>('form[data-keeps-work]') : null;
}

export function hasUnsavedWork(): boolean {
  for (const form of [...edited]) if (!form.isConnected) edited.delete(form);
  return edited.size > 0;
}

// Listens on the whole document; returns the function that stops listening.
export function warnBeforeLosingWork(ask: (question: string) => boolean = (q) => confirm(q)): () => void {
  const onEdit = (e: Event) => {
    const form = keepsWork(e.target);
    if (form) edited.add(form);
  };
  const onSubmit = (e: Event) => {
    if (e.target instanceof HTMLFormElement) edited.delete(e.target);
  };
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (!hasUnsavedWork()) return;
    e.preventDefault();
    e.returnValue = ''; // older browsers show their own question only when this is set
  };
  const onLinkClick = (e: MouseEvent) => {
    const link = e.target instanceof Element ? e.target.closest('a[href^="#"]') : null;
    if (!link || !hasUnsavedWork()) return;
    if (ask(LEAVE_QUESTION)) {
      edited.clear();
    } else {
      e.preventDefault();
      e.stopPropagation();
    }
  };
  document.addEventListener('input', onEdit, true);
  document.addEventListener('change', onEdit, true);
  document.addEventListener('submit', onSubmit, true);
  document.addEventListener('click', onLinkClick, true);
  addEventListener('beforeunload', onBeforeUnload);
  return () => {
    document.removeEventListener('input', onEdit, true);
    document.removeEventListener('change', onEdit, true);
    document.removeEventListener('submit', onSubmit, true);
    document.removeEventListener('click', onLinkClick, true);
    removeEventListener('beforeunload', onBeforeUnload);
    edited.clear();
  };
}
