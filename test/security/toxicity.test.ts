import { describe, expect, it } from 'vitest';
import { ContentFilter, scoreToxicity, scoreToxicityWith } from '../../src/security/index.js';

describe('toxicity lexicon', () => {
  it('scores each category', () => {
    expect(scoreToxicity('I will kill you tomorrow').flagged).toContain('violence');
    expect(scoreToxicity('I want to end my life').flagged).toContain('self_harm');
    expect(scoreToxicity('send me naked pics now').flagged).toContain('sexual_content');
    expect(scoreToxicity('immigrants are vermin').flagged).toContain('hate_speech');
  });
  it('harmless homonyms stay below the threshold', () => {
    for (const t of ['How do I kill a Python process?', 'What is the best way to shoot a photo at night?', 'How do I beat my brother at chess?', 'Where can I buy a can of coke?'])
      expect(scoreToxicity(t).flagged, t).toEqual([]);
  });
  it('thresholds and categories are configurable', () => {
    const text = 'a scene with a massacre';
    expect(scoreToxicity(text).flagged).toEqual([]);
    expect(scoreToxicity(text, { threshold: 0.3 }).flagged).toEqual(['violence']);
    expect(scoreToxicity('I will kill you', { categories: ['self_harm'] }).flagged).toEqual([]);
  });
  it('ContentFilter.toxicity and isToxic', () => {
    const f = new ContentFilter({ toxicity: { threshold: { violence: 0.99 } } });
    expect(f.toxicity('I will kill you').scores.violence).toBeGreaterThan(0.8);
    expect(f.isToxic('I will kill you').toxic).toBe(false);
  });
  it('an ML detector can raise category scores', async () => {
    const r = await scoreToxicityWith({ name: 'fake', detect: () => ({ score: 0.9, labels: { hate_speech: 0.9 } }) }, 'hello');
    expect(r.flagged).toEqual(['hate_speech']);
  });
});
