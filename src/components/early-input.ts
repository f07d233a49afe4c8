/**
 * What a person typed or chose in a form of the server's HTML before the page's script ran, kept
 * when React takes the form over (useActionForm, src/components/form.tsx).
 *
 * React (19.3 in Next 16) hydrates a form without looking at what was done in it meanwhile: an input
 * and a select keep what the browser shows, but a textarea with a default text is set back to it
 * (react-dom's initTextarea writes the default into its value), and the form's own state (conform's)
 * still holds the defaults, so what the form shows from it (the departments of the chosen orderer,
 * the accounts' organisations of the chosen role) follows the defaults rather than the choice. React
 * has a change-event replay for this behind a flag that is off (react#33129). So the form notes what
 * differs from its controls' defaults while it is hydrated, puts back what React set back (a textarea
 * of the form's own Textarea is not set back at all), and tells conform, which reads the whole form
 * then.
 *
 * Written against the few properties it reads (ControlLike), so that it is tested without a browser
 * (tests/unit/early-input.test.ts).
 */

export interface OptionLike {
  value: string;
  selected: boolean;
  defaultSelected: boolean;
  disabled: boolean;
}

/** An input, select or textarea as far as these helpers read it (`type` is the DOM's: 'select-one', 'textarea', …). */
export interface ControlLike {
  type: string;
  name: string;
  value: string;
  disabled?: boolean;
  defaultValue?: string;
  checked?: boolean;
  defaultChecked?: boolean;
  options?: ArrayLike<OptionLike>;
}

/** A control that differs from its default, with what it showed then. */
export interface EarlyInput<C extends ControlLike = ControlLike> {
  control: C;
  value: string;
  checked: boolean;
  /** A select's options chosen then, by value. */
  selected: string[];
}

/** Controls that hold no value of their own, or one that cannot be set back (a file). */
const NOT_VALUES = new Set(['submit', 'button', 'reset', 'image', 'file', 'hidden']);
const isCheckable = (control: ControlLike) => control.type === 'checkbox' || control.type === 'radio';
const isSelect = (control: ControlLike) => control.type === 'select-one' || control.type === 'select-multiple';
const optionsOf = (control: ControlLike): OptionLike[] => Array.from(control.options ?? []);

/**
 * What a single select shows by default: its last option marked selected in the HTML, else its first
 * option that is not disabled (the browser's rule for a drop-down list), else nothing.
 */
export function defaultSelectValue(control: ControlLike): string {
  const options = optionsOf(control);
  const marked = options.filter((option) => option.defaultSelected).at(-1);
  return (marked ?? options.find((option) => !option.disabled))?.value ?? '';
}

const selectedValues = (control: ControlLike) => optionsOf(control).flatMap((option) => (option.selected ? [option.value] : []));
const defaultSelectedValues = (control: ControlLike) =>
  control.type === 'select-one' ? (control.options?.length ? [defaultSelectValue(control)] : []) : optionsOf(control).flatMap((o) => (o.defaultSelected ? [o.value] : []));
const sameValues = (a: string[], b: string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/** Whether the control shows something else than its default (what the HTML gave it). */
export function isChangedFromDefault(control: ControlLike): boolean {
  if (isCheckable(control)) return Boolean(control.checked) !== Boolean(control.defaultChecked);
  if (isSelect(control)) return !sameValues(selectedValues(control), defaultSelectedValues(control));
  return control.value !== (control.defaultValue ?? '');
}

/** The named, enabled controls among `controls` that show something else than their default, with what they show. */
export function changedControls<C extends ControlLike>(controls: Iterable<C>): EarlyInput<C>[] {
  const changed: EarlyInput<C>[] = [];
  for (const control of controls) {
    if (!control.name || control.disabled || NOT_VALUES.has(control.type) || !isChangedFromDefault(control)) continue;
    changed.push({ control, value: control.value, checked: Boolean(control.checked), selected: isSelect(control) ? selectedValues(control) : [] });
  }
  return changed;
}

/**
 * Puts back what `early` noted when its control has since been set back to its default (by
 * hydration); a control changed again meanwhile is left as it is, and a choice whose option is
 * gone is not forced. Says whether it put anything back.
 */
export function restoreIfReset(early: EarlyInput): boolean {
  const { control } = early;
  if (isChangedFromDefault(control)) return false;
  if (isCheckable(control)) {
    control.checked = early.checked;
  } else if (isSelect(control)) {
    const options = optionsOf(control);
    if (!early.selected.every((value) => options.some((option) => option.value === value))) return false;
    if (control.type === 'select-one') control.value = early.value;
    else for (const option of options) option.selected = early.selected.includes(option.value);
  } else {
    control.value = early.value;
  }
  return true;
}
