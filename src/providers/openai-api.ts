/**
 * Which of OpenAI's two APIs serves a model (`providers.<name>.api`). Some models exist only on
 * /responses (the `*-codex` family, `*-pro`, computer use): a chat or Anthropic caller reaches them
 * when the provider sends that model to /responses, translating both ways.
 */
export type OpenAIApiSetting = 'chat' | 'responses' | { responses: string[] };

/** OpenAI models that /chat/completions refuses (the default for `type: openai`). */
export const RESPONSES_ONLY_MODELS = ['*-codex', '*-codex-*', 'codex-*', '*-pro', '*-pro-*', 'computer-use-preview*'];

/** A predicate: does this upstream model go to /responses? */
export function responsesModels(api: OpenAIApiSetting | undefined, fallback: readonly string[]): (model: string) => boolean {
  if (api === 'chat') return () => false;
  if (api === 'responses') return () => true;
  const globs = (api?.responses ?? fallback).map(globToRegExp);
  if (globs.length === 0) return () => false;
  return (model) => globs.some((g) => g.test(model));
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 's');
}
