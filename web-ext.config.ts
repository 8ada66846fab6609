import { defineWebExtConfig } from 'wxt';

// `wxt` dev mode would open a headed browser; machines here have no display.
export default defineWebExtConfig({ disabled: !process.env.DISPLAY });
