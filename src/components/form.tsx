'use client';

import {
  getCollectionProps,
  getFieldsetProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type DefaultValue,
  type FieldMetadata,
  type FormMetadata,
  type SubmissionResult,
} from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import {
  useActionState,
  useEffect,
  useLayoutEffect,
  useState,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type TextareaHTMLAttributes,
} from 'react';
import { useFormStatus } from 'react-dom';
import type { z } from 'zod';
import { afterPress, isPressed } from './after-press';
import { changedControls, isChangedFromDefault, restoreIfReset } from './early-input';

/** What a field needs to be labelled and tied to its error (a conform field, or ids written by hand). */
export interface FieldMeta {
  id: string;
  name: string;
  errorId: string;
  errors?: string[];
}

/** The id of a field's own hint. */
const hintIdOf = (meta: { id: string }) => `${meta.id}-hint`;
/** The id of a field's label (a control beside the field, such as a calendar button, is described by it). */
export const labelIdOf = (meta: { id: string }) => `${meta.id}-label`;

/** A hint under a label or legend (nothing when there is none); its control names it in aria-describedby. */
function Hint({ id, children }: { id: string; children: ReactNode }) {
  return children ? (
    <p className="hint" id={id}>
      {children}
    </p>
  ) : null;
}

/** A labelled field with its Japanese error right under it, tied by aria-describedby. */
export function Field({
  meta,
  label,
  hint,
  required,
  children,
}: {
  meta: FieldMeta;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="field" data-invalid={meta.errors?.length ? true : undefined}>
      <label htmlFor={meta.id} id={labelIdOf(meta)}>
        {label}
        {required ? <span className="required">必須</span> : null}
      </label>
      <Hint id={hintIdOf(meta)}>{hint}</Hint>
      {children}
      <FieldError meta={meta} />
    </div>
  );
}

export function FieldError({ meta }: { meta: Pick<FieldMeta, 'errorId' | 'errors'> }) {
  return (
    <p className="field-error" id={meta.errorId} aria-live="polite">
      {meta.errors?.join(' ') ?? ''}
    </p>
  );
}

/** A submit button that shows its pending state and cannot be pressed twice. */
export function SubmitButton({
  children,
  pendingLabel = '送信中…',
  className = 'button primary',
  name,
  value,
}: {
  children: ReactNode;
  pendingLabel?: string;
  className?: string;
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending} aria-disabled={pending} name={name} value={value}>
      {pending ? pendingLabel : children}
    </button>
  );
}

/** A form-level message (success or error), announced when it appears. */
export function FormMessage({ errors, success }: { errors?: string[] | null; success?: string | null }) {
  if (errors?.length) {
    return (
      <div className="form-message error" role="alert">
        {errors.join(' ')}
      </div>
    );
  }
  if (success) {
    return (
      <div className="form-message success" role="status">
        {success}
      </div>
    );
  }
  return null;
}

/**
 * Pass as a form's onReset. React 19 resets a form once its action settles (react#29034), and
 * conform answers that reset by dropping the values the server's reply just restored (conform#681):
 * a rejected form would come back empty. Cancelling the reset keeps what was typed; password
 * fields are still cleared (a secret is never kept in the page). A successful create clears its
 * form itself through the action's `reply({ resetForm: true })`.
 */
export function keepValuesAfterAction(event: FormEvent<HTMLFormElement>) {
  event.preventDefault();
  for (const input of event.currentTarget.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = '';
}

/** A form action's answer: conform's reply with the errors and the values typed. */
export type FormResult = SubmissionResult<string[]>;
type FormAction<State> = (prev: State, formData: FormData) => Promise<State>;
/** A schema of a form: what it reads is an object of fields (what it makes of them may be anything). */
type FormSchema = z.ZodType<unknown, Record<string, unknown>>;

interface ActionFormOptions<S extends FormSchema> {
  /** The values the form starts with. */
  defaultValue?: DefaultValue<z.input<S>>;
  /** When a field is first checked: when it is left (the default) or when the form is sent. */
  shouldValidate?: 'onBlur' | 'onSubmit';
}

export interface ActionFormState<S extends FormSchema, State> {
  /** The action's last answer (undefined before the first). */
  state: State;
  form: FormMetadata<z.input<S>, string[]>;
  fields: ReturnType<FormMetadata<z.input<S>, string[]>['getFieldset']>;
  /** Pass to ActionForm (or a form's action). */
  formAction: (formData: FormData) => void;
}

/**
 * A server action's form checked in the browser with the same zod schema: a field is first checked
 * when it is left and then again on every keystroke; the server's reply (errors, values) comes back
 * through `useActionState`. An action that answers with more than conform's reply names where the
 * reply is (`result`) and what it starts from (`initialState`).
 */
export function useActionForm<S extends FormSchema>(
  action: FormAction<FormResult | undefined>,
  schema: S,
  options?: ActionFormOptions<S>,
): ActionFormState<S, FormResult | undefined>;
export function useActionForm<S extends FormSchema, State>(
  action: FormAction<State>,
  schema: S,
  options: ActionFormOptions<S> & { initialState: State; result: (state: State) => FormResult | undefined },
): ActionFormState<S, State>;
export function useActionForm<S extends FormSchema, State>(
  action: FormAction<State>,
  schema: S,
  {
    defaultValue,
    shouldValidate = 'onBlur',
    initialState,
    result = (state) => state as FormResult | undefined,
  }: ActionFormOptions<S> & { initialState?: State; result?: (state: State) => FormResult | undefined } = {},
): ActionFormState<S, State> {
  const [state, formAction] = useActionState<State, FormData>(action, initialState as Awaited<State>);
  const [form, fields] = useForm<z.input<S>, z.output<S>, string[]>({
    lastResult: result(state as State),
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate,
    shouldRevalidate: 'onInput',
  });
  useLeaveAfterPress(form.id);
  useKeepEarlyInput(form.id);
  return { state: state as State, form, fields, formAction };
}

const useClientLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/**
 * A field of the form `formId` left with the mouse (or a finger, a pen) is left, for the page's
 * scripts, once the press on the next control is over and its click delivered. The focus moves when
 * the button goes down; conform then checked the field at once (shouldValidate 'onBlur') and showed
 * its error, which pushed the control pressed from under the pointer before the button came up: the
 * click went elsewhere and was lost (a radio button stayed unchosen, a submit button did not send).
 * So the browser's focusout of such a field is held while the press lasts and dispatched again after
 * it (afterPress); conform, and any onBlur, see that one and decide as they always do. Left with the
 * keyboard, nothing waits.
 */
function useLeaveAfterPress(formId: string) {
  // A layout effect, as conform's own listeners: in place as soon as the form is hydrated.
  useClientLayoutEffect(() => {
    const hold = (event: FocusEvent) => {
      const field = event.target;
      if (!event.isTrusted || !isPressed() || !isFormField(field) || field.form?.id !== formId) return;
      // On the window, in the capture phase: before conform's and React's listeners on the document.
      event.stopImmediatePropagation();
      const { relatedTarget } = event;
      afterPress(() => {
        if (field.isConnected && field.form?.id === formId) field.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true, relatedTarget }));
      });
    };
    window.addEventListener('focusout', hold, true);
    return () => window.removeEventListener('focusout', hold, true);
  }, [formId]);
}

/**
 * What was typed or chosen in the form `formId` of the server's HTML before the page's script ran
 * (src/components/early-input.ts) is kept: noted in the render that hydrates the form (React reaches
 * the controls only after it), put back where hydration set it back (a textarea with a default
 * text), and given to conform as typing gives it (an input event: conform then reads the whole
 * form), so that what the form shows from its values (the chosen orderer's departments) follows
 * them, right after hydration. A form rendered in the browser has nothing to note.
 */
function useKeepEarlyInput(formId: string) {
  const [early] = useState(() => {
    if (typeof document === 'undefined') return [];
    const form = document.getElementById(formId);
    return form instanceof HTMLFormElement ? changedControls(Array.from(form.elements).filter(isFormField)) : [];
  });
  useClientLayoutEffect(() => {
    const kept = early.filter(({ control }) => control.isConnected && control.form?.id === formId);
    for (const entry of kept) restoreIfReset(entry);
    kept[0]?.control.dispatchEvent(new Event('input', { bubbles: true }));
  }, [early, formId]);
}

/** An input, select or textarea that holds a value (not a button). */
function isFormField(target: EventTarget | null): target is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  if (target instanceof HTMLInputElement) return !['submit', 'button', 'reset', 'image'].includes(target.type);
  return target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
}

/**
 * The form of `useActionForm`, with its form-level message first. Typed values stay after a
 * rejected answer (keepValuesAfterAction); the browser's own checks give way to the schema's.
 */
export function ActionForm({
  form,
  action,
  className = 'form',
  ref,
  children,
}: {
  form: FormMetadata;
  action: (formData: FormData) => void;
  className?: string;
  ref?: Ref<HTMLFormElement>;
  children: ReactNode;
}) {
  return (
    <form {...getFormProps(form)} ref={ref} action={action} onReset={keepValuesAfterAction} className={className} noValidate>
      <FormMessage errors={form.errors} />
      {children}
    </form>
  );
}

type ConformField = FieldMetadata<unknown, Record<string, unknown>, string[]>;

/** What a control is read with besides its error: the text named, else its own hint if it has one. */
const describedByOf = (meta: ConformField, hint?: string, describedBy?: string) => describedBy ?? (hint ? hintIdOf(meta) : undefined);

/**
 * A labelled input with its error; its hint, when it has one, is read with it (aria-describedby).
 * `describedBy` names another text instead (a hint shared by several fields). Other props go to
 * the input.
 */
export function InputField({
  meta,
  label,
  hint,
  required,
  describedBy,
  type = 'text',
  ...input
}: {
  meta: ConformField;
  label: string;
  hint?: string;
  required?: boolean;
  describedBy?: string;
  /** A date has its own field (DateField, src/components/date-field.tsx): typed as people write it. */
  type?: 'text' | 'email' | 'tel' | 'password';
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'type' | 'required' | 'defaultValue' | 'aria-invalid' | 'aria-describedby'>) {
  return (
    <Field meta={meta} label={label} hint={hint} required={required}>
      <input {...getInputProps(meta, { type, ariaDescribedBy: describedByOf(meta, hint, describedBy) })} {...input} />
    </Field>
  );
}

/**
 * A textarea of useActionForm's form (conform's props; other props go to the textarea). React
 * hydrates a textarea by writing its default text into it (react-dom's initTextarea), over what was
 * typed in it before the page's script ran, unless that default is empty: so a textarea found typed
 * in is hydrated with an empty default, which leaves its text alone, and is given its own default
 * right after, before the page is painted (the text never changes on screen).
 */
export function Textarea({
  meta,
  ariaDescribedBy,
  ...textarea
}: {
  meta: ConformField;
  ariaDescribedBy?: string;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'form' | 'required' | 'defaultValue' | 'value' | 'aria-invalid' | 'aria-describedby'>) {
  const props = getTextareaProps(meta, { ariaDescribedBy });
  const [typedEarly, setTypedEarly] = useState(() => {
    if (typeof document === 'undefined') return false;
    const element = document.getElementById(props.id);
    return element instanceof HTMLTextAreaElement && isChangedFromDefault(element);
  });
  useClientLayoutEffect(() => {
    // Once, right after hydration: the default comes back, the text typed stays (the browser keeps a typed value).
    if (typedEarly) setTypedEarly(false);
  }, [typedEarly]);
  return <textarea {...props} {...textarea} defaultValue={typedEarly ? '' : props.defaultValue} />;
}

export interface Choice {
  value: string;
  label: ReactNode;
}

/**
 * A labelled select: an empty first choice (`placeholder`) when there is one, then `options`, then
 * `groups` (each an optgroup). Its hint is read with it, as with InputField.
 */
export function SelectField({
  meta,
  label,
  hint,
  required,
  describedBy,
  placeholder,
  options = [],
  groups = [],
  className,
}: {
  meta: ConformField;
  label: string;
  hint?: string;
  required?: boolean;
  describedBy?: string;
  placeholder?: string;
  options?: readonly Choice[];
  groups?: readonly { key: string; label: string; options: readonly Choice[] }[];
  className?: string;
}) {
  return (
    <Field meta={meta} label={label} hint={hint} required={required}>
      <select {...getSelectProps(meta, { ariaDescribedBy: describedByOf(meta, hint, describedBy) })} className={className}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {groups.map((group) => (
          <optgroup key={group.key} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </Field>
  );
}

/** One checkbox with its label after it, its hint under it (read with it) and its error. */
export function CheckboxField({ meta, label, hint, hintId = hintIdOf(meta) }: { meta: ConformField; label: string; hint: string; hintId?: string }) {
  return (
    <div className="field">
      <div className="checks">
        <label htmlFor={meta.id}>
          <input {...getInputProps(meta, { type: 'checkbox', ariaDescribedBy: hintId })} />
          {label}
        </label>
      </div>
      <Hint id={hintId}>{hint}</Hint>
      <FieldError meta={meta} />
    </div>
  );
}

/** A group of radio buttons (one value) or checkboxes (several) under its legend, with its hint and error. */
export function ChoiceFieldset<Value extends string>({
  meta,
  legend,
  type,
  options,
  labels,
  required,
  hint,
  hintId = hintIdOf(meta),
}: {
  meta: ConformField;
  legend: string;
  type: 'radio' | 'checkbox';
  options: readonly Value[];
  labels: Record<Value, ReactNode>;
  required?: boolean;
  hint?: ReactNode;
  hintId?: string;
}) {
  return (
    <fieldset {...getFieldsetProps(meta, { ariaDescribedBy: hint ? hintId : undefined })} className="group">
      <legend>
        {legend}
        {required ? <span className="required">必須</span> : null}
      </legend>
      <Hint id={hintId}>{hint}</Hint>
      <div className="checks">
        {getCollectionProps(meta, { type, options: [...options] }).map(({ key, ...props }) => (
          <label key={key} htmlFor={props.id}>
            <input {...props} />
            {labels[props.value as Value]}
          </label>
        ))}
      </div>
      <FieldError meta={meta} />
    </fieldset>
  );
}
