// What the overhead bench needs beyond the public entry (quick-build bundles it with src/).
export { DialectProvider } from '../../src/providers/dialect-provider.js';
export { SecretGuardedProvider } from '../../src/providers/secret-guard.js';
export { anthropicCodec, openaiChatCodec } from '../../src/dialects/index.js';
export { Tokligence } from '../../src/index.js';
