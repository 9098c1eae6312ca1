import { type TokligenceConfig, resolveModelTargets } from '../config/index.js';
import type { Provider } from '../core/contracts/provider.js';
import type { Target } from '../routing/router.js';

/**
 * Model name → ordered targets, memoised (the config never changes after construction, so a name
 * resolves the same way every time). With no real provider enabled, every unknown unprefixed name
 * goes to the built-in mock, so a fresh install answers offline.
 */
export function createResolver(config: TokligenceConfig, providers: ReadonlyMap<string, Provider>): (model: string) => Target[] {
  const resolved = new Map<string, Target[]>();
  return (model) => {
    const known = resolved.get(model);
    if (known) return known.slice();
    try {
      const targets = resolveModelTargets(config, model);
      if (resolved.size >= 1000) resolved.clear();
      resolved.set(model, targets);
      return targets.slice();
    } catch (err) {
      const real = [...providers.values()].filter((p) => p.type !== 'mock');
      const mock = [...providers.values()].find((p) => p.type === 'mock');
      if (real.length === 0 && mock && !model.includes('/')) return [{ provider: mock.name, model }];
      throw err;
    }
  };
}
