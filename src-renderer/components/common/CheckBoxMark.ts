import { mdiCheckboxBlankOutline, mdiCheckboxMarked, mdiMinusBox } from '@mdi/js';
import { h, type FunctionalComponent } from 'vue';

interface Props {
  checked: boolean;
  /** Some but not all of what the box stands for is ticked. */
  indeterminate?: boolean;
  label: string;
  disabled?: boolean;
  onToggle: (event: MouseEvent) => void;
}

/**
 * Vuetify's checkbox drawn as plain elements, with its classes: a stateless function, not the
 * three components of `v-checkbox-btn`, whose mounting for every row of a new page of results
 * cost more than the rest of the row.
 */
const CheckBoxMark: FunctionalComponent<Props> = (props) => {
  const marked = props.checked || props.indeterminate === true;
  const icon = props.checked
    ? mdiCheckboxMarked
    : props.indeterminate
      ? mdiMinusBox
      : mdiCheckboxBlankOutline;
  return h(
    'div',
    {
      class: [
        'v-selection-control v-selection-control--density-comfortable v-checkbox-btn',
        { 'v-selection-control--dirty': marked },
      ],
    },
    h(
      'div',
      { class: 'v-selection-control__wrapper' },
      h('div', { class: 'v-selection-control__input' }, [
        h(
          'i',
          { class: 'v-icon notranslate v-icon--size-default', 'aria-hidden': 'true' },
          h(
            'svg',
            { class: 'v-icon__svg', viewBox: '0 0 24 24', 'aria-hidden': 'true' },
            h('path', { d: icon }),
          ),
        ),
        h('input', {
          type: 'checkbox',
          'aria-label': props.label,
          checked: props.checked,
          indeterminate: props.indeterminate === true && !props.checked,
          disabled: props.disabled === true,
          onClick: (event: MouseEvent) => {
            event.stopPropagation();
            props.onToggle(event);
          },
        }),
      ]),
    ),
  );
};
CheckBoxMark.props = ['checked', 'indeterminate', 'label', 'disabled', 'onToggle'];

export default CheckBoxMark;
