import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createAppVuetify } from './plugins/vuetify.ts';

createApp(App).use(createPinia()).use(createAppVuetify()).mount('#app');
