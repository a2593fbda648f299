import 'vuetify/styles';
import { createVuetify } from 'vuetify';
import { aliases, mdi } from 'vuetify/iconsets/mdi-svg';

export function createAppVuetify() {
  return createVuetify({
    icons: { defaultSet: 'mdi', aliases, sets: { mdi } },
    theme: {
      defaultTheme: 'system',
      themes: {
        light: {
          dark: false,
          colors: { primary: '#3b5bdb', secondary: '#495057', background: '#f5f6f8' },
        },
        dark: {
          dark: true,
          colors: {
            primary: '#91a7ff',
            // Vuetify picks white on this light blue (2.3:1); dark navy reads at about 7:1.
            'on-primary': '#0b1a4f',
            secondary: '#adb5bd',
            background: '#15171a',
          },
        },
      },
    },
    defaults: {
      VTextField: { variant: 'outlined', density: 'comfortable' },
      VSelect: { variant: 'outlined', density: 'comfortable' },
      VAutocomplete: { variant: 'outlined', density: 'comfortable' },
      VCheckbox: { color: 'primary' },
      VRadio: { color: 'primary' },
      VBtn: { variant: 'flat' },
    },
  });
}
