export type { Authenticator, AuthHttp } from '../http/http-types.js';
export { noAuth } from './no-auth.js';
export { apiKeyAuth, type ApiKeyAuthOptions } from './api-key-auth.js';
export { bearerAuth } from './bearer-auth.js';
export { sessionAuth, type SessionAuthOptions } from './session-auth.js';
export type { SessionAuthMessages, SessionLoginOptions } from './session-login.js';
export { controlCharacterProblem, headerValueProblem } from './header-value-problem.js';
