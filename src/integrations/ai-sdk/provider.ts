/** `createTokligence()`: an AI SDK provider whose models run through a Tokligence gateway. */
import { NoSuchModelError, type ProviderV3 } from '@ai-sdk/provider';
import type { TokligenceOptions } from '../../runtime/index.js';
import { createTransport, defaultClient, type GatewayOptions, isTokligenceLike, type TokligenceLike, type Transport } from '../shared/transport.js';
import { TokligenceLanguageModel } from './language-model.js';

export interface TokligenceProviderSettings extends GatewayOptions {
  /** Provider name the SDK reports (default `tokligence`). */
  name?: string;
  /** Options for the default in-process gateway (when neither `client` nor `baseURL` is given). */
  tokligence?: TokligenceOptions;
}

export interface TokligenceProvider extends ProviderV3 {
  (modelId: string): TokligenceLanguageModel;
  languageModel(modelId: string): TokligenceLanguageModel;
  chat(modelId: string): TokligenceLanguageModel;
}

/**
 * An AI SDK provider over Tokligence: an in-process instance, a gateway URL, or (with no argument)
 * a new in-process gateway on the default profile.
 *
 * @example
 * ```ts
 * const tokligence = createTokligence(new Tokligence({ profile: 'agent' }));
 * const { text } = await generateText({ model: tokligence('smart'), prompt: 'Hi' });
 * ```
 */
export function createTokligence(tokligenceOrOptions: TokligenceLike | TokligenceProviderSettings = {}): TokligenceProvider {
  const settings: TokligenceProviderSettings = isTokligenceLike(tokligenceOrOptions) ? { client: tokligenceOrOptions } : tokligenceOrOptions;
  let transport: Transport | undefined;
  const getTransport = () => {
    transport ??= createTransport(settings.client || settings.baseURL ? settings : { ...settings, client: defaultClient(settings.tokligence) });
    return transport;
  };
  const make = (modelId: string) => new TokligenceLanguageModel(modelId, { provider: settings.name ?? 'tokligence', transport: getTransport });
  const provider = ((modelId: string) => {
    if (new.target) throw new Error('createTokligence(): call the provider as a function, without `new`');
    return make(modelId);
  }) as TokligenceProvider;
  Object.assign(provider, {
    specificationVersion: 'v3' as const,
    languageModel: make,
    chat: make,
    embeddingModel: (modelId: string) => {
      throw new NoSuchModelError({ modelId, modelType: 'embeddingModel' });
    },
    imageModel: (modelId: string) => {
      throw new NoSuchModelError({ modelId, modelType: 'imageModel' });
    },
  });
  return provider;
}
