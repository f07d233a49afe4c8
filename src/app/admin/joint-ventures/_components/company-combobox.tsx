'use client';

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { JOINT_VENTURE_LABELS as L } from '../labels';
import styles from './joint-venture-form.module.css';

/** A company the box offers, or the one chosen. */
export interface CompanyOption {
  id: string;
  name: string;
}

/** The route answering the box (officers only, at most 20 companies). */
const SEARCH_URL = '/admin/joint-ventures/companies';
/** Typing pauses this long before the box asks the server. */
const DELAY_MS = 200;

type Status = 'idle' | 'searching' | 'found' | 'none' | 'failed';

/**
 * A member row's company (decision 065): a combobox of the WAI-ARIA 1.2 pattern with a listbox popup.
 * The officer types a part of the company's name or kana; the server answers the first 20 active
 * contractors (searchMemberCompanies); ↓/↑ move through them (aria-activedescendant, the focus stays
 * in the box), Enter or a click chooses one, Escape closes the list. The name chosen stays in the box
 * and its id goes in the hidden input `name` that the form sends; typing again forgets the choice.
 * How many were found, or 「該当する会社がありません」, is said in a status under the box.
 */
export function CompanyCombobox({
  id,
  name,
  textName,
  initialText,
  label,
  describedBy,
  invalid,
  initial,
  onChosen,
}: {
  /** The text box's id (the field's: its error and label point at it). */
  id: string;
  /** The hidden input's name, sent with the form. */
  name: string;
  /**
   * The text box's name: what was typed is sent too, so a name typed and never chosen is refused at
   * the row (「一覧から会社を選んでください。」), never taken for a blank row, and stays in the box.
   */
  textName: string;
  /** The text the box shows when no company is chosen (what was typed, after a refusal). */
  initialText?: string;
  label: string;
  describedBy?: string;
  invalid: boolean;
  initial?: CompanyOption;
  onChosen: (company: CompanyOption) => void;
}) {
  const [text, setText] = useState(initial?.name || initialText || '');
  const [chosen, setChosen] = useState<CompanyOption | null>(initial?.id ? initial : null);
  const [options, setOptions] = useState<CompanyOption[]>([]);
  const [more, setMore] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<Status>('idle');
  const hiddenRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const request = useRef<AbortController | null>(null);
  // The option the arrows are on, by company: an answer arriving while it is marked keeps it marked
  // (the same company in the newer list), so Enter chooses what the person sees as chosen.
  const activeCompany = useRef<string | null>(null);
  const chosenId = chosen?.id ?? '';
  const firstRender = useRef(true);
  const listId = `${id}-list`;
  const statusId = `${id}-status`;
  const optionId = (index: number) => `${id}-option-${index}`;

  // The form reads its values from its inputs' events: tell it when the hidden id changed.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    hiddenRef.current?.dispatchEvent(new Event('input', { bubbles: true }));
  }, [chosenId]);

  useEffect(() => {
    activeCompany.current = active >= 0 ? (options[active]?.id ?? null) : null;
    if (active >= 0) document.getElementById(`${id}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, id, options]);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      request.current?.abort();
    },
    [],
  );

  const search = async (query: string) => {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setStatus('searching');
    try {
      const response = await fetch(`${SEARCH_URL}?q=${encodeURIComponent(query)}`, { signal: controller.signal, headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`search: ${response.status}`);
      const answer = (await response.json()) as { companies: CompanyOption[]; more: boolean };
      if (controller.signal.aborted) return;
      setOptions(answer.companies);
      setMore(answer.more);
      setActive(activeCompany.current ? answer.companies.findIndex((c) => c.id === activeCompany.current) : -1);
      setOpen(answer.companies.length > 0);
      setStatus(answer.companies.length > 0 ? 'found' : 'none');
    } catch {
      if (controller.signal.aborted) return;
      setOptions([]);
      setOpen(false);
      setStatus('failed');
    }
  };

  const onType = (value: string) => {
    setText(value);
    if (chosen && value !== chosen.name) setChosen(null);
    clearTimeout(timer.current);
    // A search in flight answers for the text before this key: it is aborted now, so its answer never
    // shows over the newer text while the pause runs (the newer search starts after it).
    request.current?.abort();
    request.current = null;
    if (!value.trim()) {
      setOptions([]);
      setOpen(false);
      setStatus('idle');
      return;
    }
    timer.current = setTimeout(() => void search(value), DELAY_MS);
  };

  const choose = (company: CompanyOption) => {
    clearTimeout(timer.current);
    request.current?.abort();
    setChosen(company);
    setText(company.name);
    setOpen(false);
    setActive(-1);
    setStatus('idle');
    onChosen(company);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = options.length;
    switch (event.key) {
      case 'ArrowDown':
        if (!count) return;
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(event.altKey ? -1 : 0);
        } else setActive(active + 1 >= count ? 0 : active + 1);
        return;
      case 'ArrowUp':
        if (!count) return;
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(count - 1);
        } else setActive(active <= 0 ? count - 1 : active - 1);
        return;
      case 'Enter':
        // An open list takes Enter (never the form's submit); a closed one leaves it to the form.
        if (!open) return;
        event.preventDefault();
        if (active >= 0 && options[active]) choose(options[active]);
        return;
      case 'Escape':
        if (!open) return;
        event.preventDefault();
        setOpen(false);
        setActive(-1);
        return;
    }
  };

  const said = (() => {
    switch (status) {
      case 'searching':
        return L.company.searching;
      case 'none':
        return L.company.none;
      case 'failed':
        return L.company.failed;
      case 'found':
        return L.company.found(options.length, more);
      default:
        return '';
    }
  })();

  return (
    <>
    <div className={styles.combobox}>
      <input
        type="text"
        id={id}
        name={textName}
        role="combobox"
        aria-label={label}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={[describedBy, statusId].filter(Boolean).join(' ')}
        autoComplete="off"
        spellCheck={false}
        className={styles.company}
        value={text}
        onChange={(event) => onType(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
        }}
      />
      <input type="hidden" name={name} value={chosenId} ref={hiddenRef} />
      <ul role="listbox" id={listId} aria-label={label} className={styles.listbox} hidden={!open}>
        {options.map((company, index) => (
          <li
            key={company.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={styles.option}
            // The focus stays in the box: the press does not take it, the click chooses.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(company)}
          >
            {company.name}
          </li>
        ))}
      </ul>
    </div>
      <p id={statusId} role="status" className={status === 'none' || status === 'failed' || (status === 'found' && more) ? styles.comboboxStatus : 'visually-hidden'}>
        {said}
      </p>
    </>
  );
}
