import type { ModelScope } from '../core/contracts/index.js';

/** `*` globs over model names (`gpt-4o*`, `anthropic/*`). */
function globMatches(glob: string, model: string): boolean {
  if (!glob.includes('*')) return glob === model;
  const parts = glob.split('*');
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i === 0) {
      if (!model.startsWith(part)) return false;
      at = part.length;
    } else if (i === parts.length - 1) {
      return model.length - part.length >= at && model.endsWith(part);
    } else {
      const found = model.indexOf(part, at);
      if (found < 0) return false;
      at = found + part.length;
    }
  }
  return true;
}

/** Whether a list of globs allows a model; a `provider/model` name also matches globs on the bare model. */
export function modelAllowed(globs: readonly string[], model: string): boolean {
  const bare = model.includes('/') ? model.slice(model.indexOf('/') + 1) : undefined;
  return globs.some((g) => globMatches(g, model) || (bare !== undefined && globMatches(g, bare)));
}

/** The first scope (key, user, team) that refuses the model: effective permission is their intersection. */
export function refusingScope(scopes: readonly ModelScope[] | undefined, model: string): ModelScope | undefined {
  return scopes?.find((s) => !modelAllowed(s.models, model));
}
