'use client';

import { useState, type ChangeEvent, type InputHTMLAttributes } from 'react';
import { FILE_PICKER_LABELS } from './file-picker-labels';
import styles from './file-picker.module.css';

/**
 * A file input drawn as a button of the portal's with the chosen names beside it. The input keeps its
 * place in the form (name, id, aria-* from the field), takes the focus (Tab, and the form's focus on a
 * field in error) and opens the chooser on Space or Enter; the button is its second label, hidden from
 * the accessibility tree so that the input's name stays its field's label, and a click on it opens the
 * chooser as a click on the input would.
 */
export function FilePicker({ id, buttonLabel, onChange, ...input }: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'className'> & { id: string; buttonLabel: string }) {
  const [names, setNames] = useState<string[]>([]);
  const changed = (event: ChangeEvent<HTMLInputElement>) => {
    setNames(Array.from(event.currentTarget.files ?? [], (file) => file.name));
    onChange?.(event);
  };
  return (
    <div className={styles.picker}>
      <input {...input} id={id} type="file" className={styles.input} onChange={changed} />
      <label htmlFor={id} className={`button ${styles.button}`} aria-hidden="true">
        {buttonLabel}
      </label>
      <span className={styles.names} aria-hidden="true" data-testid={`${id}-names`}>
        {names.length ? FILE_PICKER_LABELS.chosen(names) : FILE_PICKER_LABELS.none}
      </span>
    </div>
  );
}
