import { afterEach, describe, expect, it } from 'vitest';
import { hasUnsavedWork, LEAVE_QUESTION, warnBeforeLosingWork } from './unsaved_work';

let stop: () => void = () => {};
afterEach(() => {
  stop();
  document.body.innerHTML = '';
});

function page() {
  document.body.innerHTML = `
    <a id="away" href="#/patients">Patients</a>
    <form id="entry" data-keeps-work><input id="score" /></form>
    <form id="search" role="search"><input id="name" /></form>`;
  return {
    score: document.getElementById('score') as HTMLInputElement,
    name: document.getElementById('name') as HTMLInputElement,
    entry: document.getElementById('entry') as HTMLFormElement,
    away: document.getElementById('away') as HTMLAnchorElement,
  };
}
const typeInto = (input: HTMLInputElement, text: string) => {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
};
const click = (a: HTMLAnchorElement) => {
  const e = new MouseEvent('click', { bubbles: true, cancelable: true });
  a.dispatchEvent(e);
  return e.defaultPrevented; // true: the navigation was stopped
};

describe('the warning before unsaved work is lost', () => {
  it('asks before a link leaves a half-filled pain score, and stays when told to', () => {
    const asked: string[] = [];
    stop = warnBeforeLosingWork((q) => (asked.push(q), false));
    const { score, away } = page();
    expect(click(away)).toBe(false); // nothing typed: no question
    typeInto(score, '7');
    expect(hasUnsavedWork()).toBe(true);
    expect(click(away)).toBe(true);
    expect(asked).toEqual([LEAVE_QUESTION]);
    expect(hasUnsavedWork()).toBe(true); // still there to be saved
  });

  it('lets the user leave when they choose to, and forgets the edits', () => {
    stop = warnBeforeLosingWork(() => true);
    const { score, away } = page();
    typeInto(score, '7');
    expect(click(away)).toBe(false);
    expect(hasUnsavedWork()).toBe(false);
  });

  it('does not count a search box, a submitted form, or a dialog that has closed', () => {
    stop = warnBeforeLosingWork(() => false);
    const { score, name, entry } = page();
    typeInto(name, 'Garcia');
    expect(hasUnsavedWork()).toBe(false);
    typeInto(score, '7');
    entry.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(hasUnsavedWork()).toBe(false);
    typeInto(score, '8');
    entry.remove();
    expect(hasUnsavedWork()).toBe(false);
  });

  it('asks the browser to confirm closing the tab only while work is unsaved', () => {
    stop = warnBeforeLosingWork(() => false);
    const { score } = page();
    const closing = () => {
      const e = new Event('beforeunload', { cancelable: true });
      dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(closing()).toBe(false);
    typeInto(score, '7');
    expect(closing()).toBe(true);
  });
});
