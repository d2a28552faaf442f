export type { Authenticator, AuthHttp } from './authenticator.js';
