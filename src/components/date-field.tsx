'use client';

import { getInputProps, type FieldMetadata } from '@conform-to/react';
import { useRef, useSyncExternalStore } from 'react';
import { DATE_INPUT_MESSAGES as M } from '@/lib/date-input-messages';
import { formatSlashDate, parseDateInput } from '@/lib/date-input';
import { formatJapaneseDateShort } from '@/lib/wareki';
import { Field, labelIdOf } from './form';

type ConformField = FieldMetadata<unknown, Record<string, unknown>, string[]>;

const subscribeNothing = () => () => {};
/** True once the page's script runs (false on the server and while hydrating): the calendar button needs it. */
const useCanPick = () =>
  useSyncExternalStore(
    subscribeNothing,
    () => typeof HTMLInputElement.prototype.showPicker === 'function',
    () => false,
  );

/**
 * A date typed as people write it — 2026/4/1, 2026年4月1日, 令和8年4月1日, R8.4.1, 全角 too — in a text
 * field, whatever the browser's language (a native date input shows mm/dd/yyyy in an English browser
 * and refuses all of these). The form's schema reads it (src/lib/date-input.ts), in the browser and
 * again on the server; what was typed stays as typed after a refusal. Under it: the forms it takes,
 * and once it reads as a date typed otherwise than 2026/04/01, that date in both calendars, so a
 * 和暦 slip shows before sending.
 *
 * Beside it, once the script runs, a button opens the browser's own calendar (a native date input,
 * out of the tab order and hidden from assistive technology: the button stands for it); the date
 * picked is written into the field as 2026/04/01.
 */
export function DateField({
  meta,
  label,
  hint,
  required,
  describedBy,
  min,
  max,
}: {
  meta: ConformField;
  label: string;
  /** Said before the example of the forms (e.g. what the date is for). */
  hint?: string;
  required?: boolean;
  /** Another text the field is read with (a hint shared by several fields). */
  describedBy?: string;
  /** The calendar's first and last day, 'YYYY-MM-DD' (the schema decides what is accepted). */
  min?: string;
  max?: string;
}) {
  const text = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const canPick = useCanPick();
  const hintId = `${meta.id}-hint`;
  const readingId = `${meta.id}-reading`;

  const typed = typeof meta.value === 'string' ? meta.value : '';
  const read = typed ? parseDateInput(typed) : null;
  const reading = read?.ok && !meta.errors?.length && typed.trim() !== formatSlashDate(read.iso) ? M.reading(formatSlashDate(read.iso), formatJapaneseDateShort(read.iso)) : null;

  const openCalendar = () => {
    const input = picker.current;
    if (!input || !text.current) return;
    const current = parseDateInput(text.current.value);
    input.value = current.ok ? current.iso : '';
    try {
      input.showPicker();
    } catch {
      // Refused (no user activation left, or a browser that lacks it): the field still takes typing.
      text.current.focus();
    }
  };

  const picked = () => {
    const field = text.current;
    const iso = picker.current?.value;
    if (!field || !iso) return;
    field.value = formatSlashDate(iso);
    // As if typed and left: the form's checks see it as they see typing.
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
  };

  const describedByIds = [describedBy, hintId, reading ? readingId : null].filter(Boolean).join(' ');
  return (
    <Field
      meta={meta}
      label={label}
      hint={
        hint ? (
          <>
            {hint}
            <br />
            {M.example}
          </>
        ) : (
          M.example
        )
      }
      required={required}
    >
      <div className="date-input">
        <input
          {...getInputProps(meta, { type: 'text', ariaDescribedBy: describedByIds })}
          ref={text}
          autoComplete="off"
          spellCheck={false}
        />
        {canPick ? (
          <>
            <button type="button" className="date-picker-button" onClick={openCalendar} aria-describedby={labelIdOf(meta)} title={M.calendar}>
              <svg aria-hidden="true" focusable="false" viewBox="0 0 20 20" width="20" height="20">
                <rect x="2.5" y="4" width="15" height="13.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
                <path d="M2.5 8h15M6.5 2v4M13.5 2v4" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
                <path d="M6 11h2M9 11h2M12 11h2M6 14h2M9 14h2" stroke="currentColor" strokeWidth="1.6" />
              </svg>
              <span className="visually-hidden">{M.calendar}</span>
            </button>
            <input ref={picker} type="date" className="date-picker-native" tabIndex={-1} aria-hidden="true" min={min} max={max} onChange={picked} />
          </>
        ) : null}
      </div>
      {reading ? (
        <p className="date-reading" id={readingId}>
          {reading}
        </p>
      ) : null}
    </Field>
  );
}
