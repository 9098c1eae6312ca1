import type { ReasoningEffort } from '../../core/types.js';

/** Thinking budgets for each effort level (TH-1). */
export const EFFORT_BUDGET: Record<Exclude<ReasoningEffort, 'none'>, number> = {
  minimal: 1024,
  low: 1024,
  medium: 2048,
  high: 4096,
  xhigh: 8192,
  max: 16384,
};

export function budgetFromEffort(effort: ReasoningEffort): number | undefined {
  return effort === 'none' ? undefined : EFFORT_BUDGET[effort];
}

/** The effort bucket for a thinking budget (TH-4). */
export function effortFromBudget(budget: number): ReasoningEffort {
  if (budget <= 0) return 'minimal';
  if (budget >= 16384) return 'max';
  if (budget >= 8192) return 'xhigh';
  if (budget >= 4096) return 'high';
  if (budget >= 2048) return 'medium';
  if (budget >= 1024) return 'low';
  return 'minimal';
}

/** OpenAI accepts only these; the larger buckets fold into `high`. */
export function openAiEffort(effort: ReasoningEffort): 'none' | 'minimal' | 'low' | 'medium' | 'high' {
  return effort === 'xhigh' || effort === 'max' ? 'high' : effort;
}
