export { compose } from './compose.js';
