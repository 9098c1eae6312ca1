/** Configuration: the schema, the six built-in profiles, layered loading and model resolution. */
export { envLayer, isSelfReference, normalizeOllamaUrl } from './env.js';
export { formatIssues } from './format-error.js';
export { auditRetentionDays } from './enterprise-schema.js';
export {
  defaultBaseUrl,
  inferProviderType,
  KNOWN_PROVIDERS,
  type KnownProvider,
  needsApiKey,
  PROVIDER_TYPES,
  type ProviderTypeName,
} from './known-providers.js';
export { configFilePath, type LoadConfigOptions, loadConfig } from './load.js';
export { listProfiles, PROFILE_NAMES, type ProfileName, packageRoot, profilePath } from './profiles.js';
export { type ResolvedTarget, resolveModelTargets } from './resolve-model.js';
export {
  type CamelCaseDeep,
  configSchema,
  type GatewayConfig,
  type ProviderConfig,
  type TokligenceConfig,
  type TokligenceConfigInput,
  type TokligenceConfigYaml,
} from './schema.js';
