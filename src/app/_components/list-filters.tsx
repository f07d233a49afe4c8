/**
 * The fields of a list's GET search form that narrow the list to one of a fixed set of values: the
 * value travels in the URL, so the page reads it back as the field's default.
 */

/** A select of the values, by their labels; `allLabel` adds a first, empty choice (no narrowing). */
export function FilterSelect<Value extends string>({
  id,
  name,
  label,
  values,
  labels,
  selected,
  allLabel,
}: {
  id: string;
  name: string;
  label: string;
  values: readonly Value[];
  labels: Readonly<Record<Value, string>>;
  selected: Value | undefined;
  allLabel?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={selected ?? ''}>
        {allLabel === undefined ? null : <option value="">{allLabel}</option>}
        {values.map((value) => (
          <option key={value} value={value}>
            {labels[value]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Radio buttons of the values under a legend (e.g. which column the search box searches). */
export function FilterChoices<Value extends string>({
  className,
  legend,
  name,
  values,
  labels,
  checked,
}: {
  className?: string;
  legend: string;
  name: string;
  values: readonly Value[];
  labels: Readonly<Record<Value, string>>;
  checked: Value;
}) {
  return (
    <fieldset className={className}>
      <legend>{legend}</legend>
      <div className="checks">
        {values.map((value) => (
          <label key={value}>
            <input type="radio" name={name} value={value} defaultChecked={checked === value} />
            {labels[value]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
