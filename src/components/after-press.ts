'use client';

/**
 * Work that would move the page while a mouse button (or a finger, a pen) is pressed waits until the
 * press is over and its click has been delivered.
 *
 * A click is delivered to what lies under the pointer when the button comes up. Pressing a control
 * moves the focus there at once, and a form that checks the field just left (useActionForm) used to
 * show that field's error right then: everything below it moved down between the press and the
 * release, the release landed on what had moved under the pointer, and the click was lost (a radio
 * button stayed unchosen, a submit button did not send). e2e/forms/press-after-typing.spec.ts.
 *
 * The press is followed from the window, in the capture phase: as soon as this module is loaded
 * (before the forms using it are hydrated), and ahead of React's own listeners on the document, so
 * that a press that makes React hydrate a form at once is seen too.
 */

let pressed = false;
const waiting = new Set<() => void>();

function press() {
  pressed = true;
}

function release() {
  if (!pressed) return;
  pressed = false;
  // The click (and a submit it causes) is dispatched right after the button comes up, in the same task.
  setTimeout(() => {
    for (const task of [...waiting]) {
      waiting.delete(task);
      task();
    }
  });
}

if (typeof window !== 'undefined') {
  for (const type of ['pointerdown', 'mousedown']) window.addEventListener(type, press, true);
  // The end of a press: its release, or whatever takes the pointer away from the page (a drag, the
  // context menu, another window); a key pressed ends one whose release was never seen.
  for (const type of ['pointerup', 'mouseup', 'pointercancel', 'dragend', 'contextmenu', 'keydown']) window.addEventListener(type, release, true);
  window.addEventListener('blur', (event) => {
    if (event.target === window) release();
  });
}

/** Whether a press is under way. */
export function isPressed(): boolean {
  return pressed;
}

/** Runs `task` now, or, while a press is under way, once it is over and its click delivered. */
export function afterPress(task: () => void): void {
  if (pressed) waiting.add(task);
  else task();
}
