import { greet } from './greet.js';

document.addEventListener('DOMContentLoaded', () => greet(document.body));
