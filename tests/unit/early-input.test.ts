import { describe, expect, it } from 'vitest';
import { changedControls, defaultSelectValue, isChangedFromDefault, restoreIfReset, type ControlLike, type OptionLike } from '@/components/early-input';

/** Stand-ins for the DOM's controls, with the browser's rules where the helpers rely on them. */
const text = (name: string, defaultValue: string, value = defaultValue, type = 'text'): ControlLike => ({ type, name, value, defaultValue });
const check = (name: string, value: string, defaultChecked: boolean, checked = defaultChecked, type = 'radio'): ControlLike => ({ type, name, value, checked, defaultChecked });
const option = (value: string, { marked = false, disabled = false } = {}): OptionLike => ({ value, selected: false, defaultSelected: marked, disabled });

/** A drop-down list: one option chosen, by default the last one marked selected, else the first not disabled. */
class Select implements ControlLike {
  readonly type = 'select-one';
  constructor(
    readonly name: string,
    readonly options: OptionLike[],
  ) {
    const first = options.filter((o) => o.defaultSelected).at(-1) ?? options.find((o) => !o.disabled);
    if (first) first.selected = true;
  }
  get value() {
    return this.options.find((o) => o.selected)?.value ?? '';
  }
  set value(value: string) {
    for (const o of this.options) o.selected = o.value === value;
  }
}

const placeholderAndOrderers = () => new Select('ordererId', [option(''), option('omura'), option('ken')]);

describe('defaultSelectValue', () => {
  it('is the last option marked selected, else the first that is not disabled, else nothing', () => {
    expect(defaultSelectValue(placeholderAndOrderers())).toBe('');
    expect(defaultSelectValue(new Select('s', [option('a'), option('b', { marked: true })]))).toBe('b');
    expect(defaultSelectValue(new Select('s', [option('a', { marked: true }), option('b', { marked: true })]))).toBe('b');
    expect(defaultSelectValue(new Select('s', [option('a', { disabled: true }), option('b')]))).toBe('b');
    expect(defaultSelectValue(new Select('s', []))).toBe('');
  });
});

describe('isChangedFromDefault', () => {
  it('a text field or textarea: its value against its default', () => {
    expect(isChangedFromDefault(text('projectName', ''))).toBe(false);
    expect(isChangedFromDefault(text('projectName', '', '工事'))).toBe(true);
    expect(isChangedFromDefault(text('notes', '最初', '最初', 'textarea'))).toBe(false);
    expect(isChangedFromDefault(text('notes', '最初', '変えた', 'textarea'))).toBe(true);
  });

  it('a radio button or checkbox: checked against checked by default', () => {
    expect(isChangedFromDefault(check('kind', 'A', false))).toBe(false);
    expect(isChangedFromDefault(check('kind', 'A', false, true))).toBe(true);
    expect(isChangedFromDefault(check('kind', 'B', true, false))).toBe(true);
    expect(isChangedFromDefault(check('agree', 'on', false, true, 'checkbox'))).toBe(true);
  });

  it('a select: the option shown against the one shown by default (not the marked ones: an unmarked list shows its first)', () => {
    const orderer = placeholderAndOrderers();
    expect(isChangedFromDefault(orderer)).toBe(false);
    orderer.value = 'omura';
    expect(isChangedFromDefault(orderer)).toBe(true);
    orderer.value = '';
    expect(isChangedFromDefault(orderer)).toBe(false);
    const marked = new Select('s', [option('a'), option('b', { marked: true })]);
    expect(isChangedFromDefault(marked)).toBe(false);
    marked.value = 'a';
    expect(isChangedFromDefault(marked)).toBe(true);
  });

  it('a multiple select: each option against its mark', () => {
    const options = [option('a', { marked: true }), option('b')];
    options[0]!.selected = true;
    const multiple: ControlLike = { type: 'select-multiple', name: 'm', value: 'a', options };
    expect(isChangedFromDefault(multiple)).toBe(false);
    options[1]!.selected = true;
    expect(isChangedFromDefault(multiple)).toBe(true);
  });
});

describe('changedControls', () => {
  it('notes the named, enabled controls that differ, with what they show; buttons, hidden and file inputs are not values to keep', () => {
    const orderer = placeholderAndOrderers();
    orderer.value = 'omura';
    const controls: ControlLike[] = [
      text('projectName', '', '工事'),
      text('projectLocation', ''),
      text('', '', 'no name'),
      { ...text('locked', '', 'x'), disabled: true },
      text('intent', 'draft', 'submit', 'submit'),
      text('revision', '1', '2', 'hidden'),
      text('upload', '', 'C:\\fakepath\\a.pdf', 'file'),
      check('deliveryMethod', 'ELECTRONIC', true, false),
      check('deliveryMethod', 'PAPER', false, true),
      orderer,
    ];
    expect(changedControls(controls).map(({ control, value, checked, selected }) => [control.name, value, checked, selected])).toEqual([
      ['projectName', '工事', false, []],
      ['deliveryMethod', 'ELECTRONIC', false, []],
      ['deliveryMethod', 'PAPER', true, []],
      ['ordererId', 'omura', false, ['omura']],
    ]);
  });

  it('nothing when nothing was touched', () => {
    expect(changedControls([text('a', 'x'), check('b', 'on', true), placeholderAndOrderers()])).toEqual([]);
  });
});

describe('restoreIfReset', () => {
  it('puts back a textarea that hydration set back to its default text', () => {
    const notes = text('notes', '最初', '変えた', 'textarea');
    const [early] = changedControls([notes]);
    notes.value = '最初'; // what react-dom's initTextarea does
    expect(restoreIfReset(early!)).toBe(true);
    expect(notes.value).toBe('変えた');
  });

  it('leaves a control changed again since, or never set back', () => {
    const notes = text('notes', '最初', '変えた', 'textarea');
    const [early] = changedControls([notes]);
    expect(restoreIfReset(early!)).toBe(false);
    expect(notes.value).toBe('変えた');
    notes.value = '変えた後にまた';
    expect(restoreIfReset(early!)).toBe(false);
    expect(notes.value).toBe('変えた後にまた');
  });

  it('puts back a choice of a select and a radio button set back to their defaults', () => {
    const orderer = placeholderAndOrderers();
    orderer.value = 'ken';
    const paper = check('deliveryMethod', 'PAPER', false, true);
    const [early, earlyPaper] = changedControls([orderer, paper]);
    orderer.value = '';
    paper.checked = false;
    expect(restoreIfReset(early!)).toBe(true);
    expect(restoreIfReset(earlyPaper!)).toBe(true);
    expect(orderer.value).toBe('ken');
    expect(paper.checked).toBe(true);
  });

  it('does not force a choice whose option is gone', () => {
    const department = new Select('worksDepartmentId', [option(''), option('doboku'), option('gesuido')]);
    department.value = 'doboku';
    const [early] = changedControls([department]);
    department.options.splice(1, 1);
    department.value = '';
    expect(restoreIfReset(early!)).toBe(false);
    expect(department.value).toBe('');
  });
});
