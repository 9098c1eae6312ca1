import type { ModelInfo } from '@anthropic-ai/sdk/resources/models';
import type { Model } from 'openai/resources/models';

/** One model, in both SDKs' shapes at once (OpenAI's `Model` and Anthropic's `ModelInfo`). */
export type ModelEntry = Model & ModelInfo;

/** A page of `models.list()`: the SDKs' page (`data`, `has_more`), iterable, with no next page. */
export interface ModelsPage extends AsyncIterable<ModelEntry> {
  object: 'list';
  data: ModelEntry[];
  has_more: false;
  first_id: string | null;
  last_id: string | null;
  hasNextPage(): boolean;
}

/** What `models.list()` returns: awaited, the page; iterated, its models (as the SDKs' `PagePromise`). */
export type ModelsPagePromise = Promise<ModelsPage> & AsyncIterable<ModelEntry>;

/** The page for model names (aliases and each provider's models, as `GET /v1/models` lists them). */
export function modelsPage(ids: string[]): ModelsPagePromise {
  const data: ModelEntry[] = ids.map((id) => ({
    id,
    object: 'model',
    created: 0,
    owned_by: id.includes('/') ? id.split('/')[0] : 'tokligence',
    type: 'model',
    display_name: id,
    created_at: '1970-01-01T00:00:00Z',
    capabilities: null,
    deprecated_at: null,
    lifecycle: 'active',
    line: null,
    max_input_tokens: null,
    max_tokens: null,
    retires_at: null,
  }));
  const page: ModelsPage = {
    object: 'list',
    data,
    has_more: false,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    hasNextPage: () => false,
    async *[Symbol.asyncIterator]() {
      yield* data;
    },
  };
  return Object.assign(Promise.resolve(page), { [Symbol.asyncIterator]: () => page[Symbol.asyncIterator]() });
}
