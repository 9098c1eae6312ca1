import type { RuleConfig } from '../rules.js';
import { GAP } from './lexicon.js';

/** Arabic (no word boundaries in these patterns: `\b` does not know Arabic letters). */
export const AR_RULES: RuleConfig[] = [
  {
    name: 'override-ar',
    pattern: `(?:تجاهل|تجاهلي|انس|انسَ|إنس|لا\\s+تلتزم|توقف\\s+عن\\s+اتباع|لا\\s+تتبع)${GAP(20)}(?:التعليمات|الأوامر|القواعد|الإرشادات|القيود|تعليماتك|قواعدك)\\s*(?:السابقة|الأولى|الأصلية|النظام)?|التعليمات\\s+السابقة\\s+(?:أُلغيت|ألغيت|لم\\s+تعد\\s+صالحة)|(?:من\\s+الآن\\s+فصاعدًا|من\\s+الآن)\\s+أنت\\s+تطيعني`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    script: 'arabic',
    override: true,
  },
  {
    name: 'prompt-extraction-ar',
    pattern: `(?:اعرض|أظهر|اكتب|كرّر|كرر|انسخ|اطبع|اكشف|ترجم|أخبرني)${GAP(24)}(?:موجّه\\s+النظام|موجه\\s+النظام|تعليماتك\\s+المخفية|تعليماتك|التعليمات\\s+التي\\s+تلقيتها|الإعدادات)|ما\\s+هي\\s+تعليماتك\\s+المخفية`,
    action: 'block',
    severity: 'high',
    category: 'prompt_extraction',
    script: 'arabic',
  },
  {
    name: 'jailbreak-ar',
    pattern: `(?:أنت|تظاهر|تقمّص|من\\s+الآن)${GAP(40)}(?:بلا\\s+(?:أي\\s+)?قيود|بدون\\s+(?:أي\\s+)?قيود|تحرّر\\s+من|تحرر\\s+من|لا\\s+يملك\\s+أي\\s+فلتر)|وضع\\s+(?:المطوّر|المطور|التصحيح)${GAP(40)}(?:تتجاهل|عطّل|عطل|أي\\s+محتوى|مفتوح)|لا\\s+ترفض\\s+طلباتي|دون\\s+تحذيرات\\s+أو\\s+إخلاء\\s+مسؤولية|عالم\\s+بلا\\s+قوانين|جدتي\\s+الراحلة`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    script: 'arabic',
  },
  {
    name: 'task-hijack-ar',
    pattern: `توقف\\s+عن\\s+(?:الترجمة|التلخيص)${GAP(20)}(?:بدلًا|بدلا|اكتب)|لا\\s+تلخّص\\s+المقال\\s+بعد\\s+الآن|إذا\\s+كنت\\s+مساعد\\s+ذكاء\\s+اصطناعي|تعليمات\\s+(?:لمساعد|للمساعد)\\s+الذكاء\\s+الاصطناعي`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    script: 'arabic',
  },
];
