import type { RuleConfig } from '../rules.js';
import { LB, LE, LW } from './lexicon.js';

/** Portuguese (Brazil and Portugal). */
const IGNORE = 'ignore|ignora|ignorem|esqueça|esqueca|esquece|esqueçam|desconsidere|desconsidera|descarte|descarta|não\\s+(?:siga|sigas|obedeça|respeite)|deixe\\s+de\\s+(?:seguir|obedecer)|para\\s+de\\s+seguir';
const EARLIER = 'anteriores|prévias|previas|iniciais|originais|do\\s+sistema|que\\s+te\\s+(?:deram|disseram)|que\\s+você\\s+recebeu|todas|todos|suas|seus|tuas|teus';
const RULES = 'instruç[õo]es|instrucoes|instrução|orientações|ordens|regras|diretrizes|restrições|limitações|configurações|prompt|políticas';

export const PT_RULES: RuleConfig[] = [
  {
    name: 'override-pt',
    pattern:
      `${LB}(?:${IGNORE})${LE}\\s+${LW(4)}(?:${EARLIER})\\s+${LW(2)}(?:${RULES})${LE}|${LB}(?:${IGNORE})${LE}\\s+${LW(2)}(?:${RULES})\\s+(?:${EARLIER})${LE}` +
      `|${LB}(?:${IGNORE})\\s+tudo\\s+o\\s+que\\s+(?:te\\s+)?(?:disseram|falaram|mandaram)${LE}|${LB}esque(?:ça|ca|ce)\\s+tudo${LE}(?!\\s+o\\s+que\\s+(?:você\\s+)?sabe)`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    override: true,
    anchors: ['igno', 'esque', 'descons', 'descart', 'não', 'deixe', 'para'],
  },
  {
    name: 'instructions-void-pt',
    pattern: `${LB}(?:as\\s+)?(?:instruções|orientações|regras|diretrizes)\\s+anteriores\\s+(?:foram\\s+(?:canceladas|anuladas|revogadas)|não\\s+(?:valem|são\\s+válidas)|deixam\\s+de\\s+valer)`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    override: true,
    anchors: ['instruçõ', 'orientaç', 'regras', 'diretriz', 'as'],
  },
  {
    name: 'prompt-extraction-pt',
    pattern: `${LB}(?:mostra|mostre|mostre-me|me\\s+mostra|repete|repita|escreve|escreva|copia|cole|imprime|revela|revele|traduz|traduza|lista|liste|diga|diz)${LE}\\s+${LW(4)}(?:o\\s+teu|o\\s+seu|as\\s+tuas|as\\s+suas|teu|seu|tuas|suas)\\s+(?:${LW(1)})?(?:prompt|instruções\\s+(?:ocultas|iniciais|originais|do\\s+sistema)|regras\\s+internas)|${LB}(?:teu|seu)\\s+prompt\\s+de\\s+sistema\\s+(?:completo|inteiro)|${LB}(?:repete|repita|copia|escreve|diz)${LE}\\s+${LW(4)}(?:as\\s+)?instruções\\s+que\\s+(?:você\\s+recebeu|recebeste|te\\s+deram)|${LB}quais\\s+são\\s+as\\s+(?:tuas|suas)\\s+instruções\\s+ocultas`,
    action: 'block',
    severity: 'high',
    category: 'prompt_extraction',
    anchors: ['mostra', 'mostre', 'me', 'repete', 'repita', 'escreve', 'escreva', 'copia', 'cole', 'imprime', 'revela', 'revele', 'traduz', 'traduza', 'lista', 'liste', 'diga', 'diz', 'teu', 'seu', 'quais'],
  },
  {
    name: 'persona-without-limits-pt',
    pattern: `${LB}(?:você\\s+é|tu\\s+és|és|finge\\s+que\\s+és|finja\\s+que\\s+é|interprete)${LE}\\s+(?:\\S+\\s+){0,12}?(?:sem\\s+(?:nenhuma\\s+|qualquer\\s+)?(?:restrição|restrições|limite|filtro|censura|ética|regra)|livre\\s+de)|${LB}a\\s+partir\\s+de\\s+agora\\s+você\\s+é\\s+o?\\s*dan${LE}`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['você', 'tu', 'és', 'finge', 'finja', 'interpre', 'partir'],
  },
  {
    name: 'mode-jailbreak-pt',
    pattern: `${LB}modo\\s+(?:desenvolvedor|de\\s+desenvolvedor|programador|de\\s+programador|depuração|debug|deus)${LE}[^\\n]{0,80}?(?:ignora|sem\\s+censura|desliga|desbloquead|qualquer\\s+conteúdo|duas\\s+respostas|políticas|filtro)`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['modo'],
  },
  {
    name: 'refusal-suppression-pt',
    pattern: `${LB}nunca\\s+recuse${LE}|${LB}recusar\\s+não\\s+é\\s+(?:uma\\s+)?opção|${LB}não\\s+diga\\s+["“]?(?:desculpe|como\\s+ia)|${LB}sem\\s+(?:avisos|isenções\\s+de\\s+responsabilidade|sermão)`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['nunca', 'recusar', 'não', 'sem'],
  },
  {
    name: 'fiction-frame-pt',
    pattern: `${LB}mundo\\s+sem\\s+(?:leis|moral|regras|ética)${LE}|${LB}(?:minha\\s+)?avó\\s+falecida${LE}`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['mundo', 'avó', 'minha'],
  },
  {
    name: 'task-hijack-pt',
    pattern: `${LB}para\\s+de\\s+(?:traduzir|resumir)${LE}|${LB}não\\s+(?:resuma|traduza)\\s+mais${LE}`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    anchors: ['para', 'não'],
  },
  {
    name: 'instruction-to-ai-pt',
    pattern: `${LB}se\\s+você\\s+é\\s+(?:um\\s+)?(?:assistente\\s+de\\s+ia|ia|assistente)${LE}|${LB}instrução\\s+para\\s+o\\s+(?:assistente|modelo)${LE}`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    anchors: ['se', 'instruçã'],
  },
];
