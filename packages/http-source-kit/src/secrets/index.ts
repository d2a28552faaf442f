export { SecretMasker, MASK } from './secret-masker.js';
export { configSecrets } from './config-secrets.js';
