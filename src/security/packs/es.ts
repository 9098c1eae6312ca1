import type { RuleConfig } from '../rules.js';
import { LB, LE, LW } from './lexicon.js';

/** Spanish. */
const IGNORE = 'ignora|ignore|ignorad|ignores|olvida|olvide|olvidad|olvídate|olvidate|descarta|descarte|desecha|omite|omita|haz\\s+caso\\s+omiso\\s+de|no\\s+(?:sigas|sigan|obedezcas|tengas\\s+en\\s+cuenta|hagas\\s+caso\\s+a)|deja\\s+de\\s+(?:seguir|obedecer|respetar)|sáltate|saltate|pasa\\s+de';
const EARLIER = 'tu|anteriores|previas|previos|anterior|de\\s+antes|del\\s+principio|iniciales|originales|de\\s+arriba|del\\s+sistema|que\\s+te\\s+(?:dieron|dijeron|han\\s+dado)|todas|todos|tus|sus';
const RULES = 'instrucciones|instrucción|indicaciones|órdenes|ordenes|reglas|normas|directrices|restricciones|limitaciones|configuración|prompt|pautas|políticas';

export const ES_RULES: RuleConfig[] = [
  {
    name: 'override-es',
    pattern:
      `${LB}(?:${IGNORE})${LE}\\s+${LW(4)}(?:${EARLIER})\\s+${LW(2)}(?:${RULES})${LE}` +
      `|${LB}(?:${IGNORE})${LE}\\s+${LW(2)}(?:${RULES})\\s+(?:${EARLIER})${LE}|${LB}(?:${IGNORE})${LE}\\s+(?:de\\s+)?(?:tus|sus)\\s+(?:${RULES})${LE}` +
      `|${LB}(?:${IGNORE})\\s+(?:todo\\s+|nada\\s+de\\s+)?lo\\s+que\\s+(?:te\\s+)?(?:dijeron|dije|han\\s+dicho|he\\s+dicho|ordenaron|indicaron)${LE}` +
      `|${LB}(?:olvida|olvídate|olvidate|ignora)\\s+(?:de\\s+)?todo${LE}(?!\\s+lo\\s+que\\s+sabes)`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    override: true,
    anchors: ['igno', 'olvi', 'desca', 'desec', 'omit', 'haz', 'no', 'deja', 'sált', 'salt', 'pasa'],
  },
  {
    name: 'instructions-void-es',
    pattern: `${LB}(?:las\\s+)?(?:instrucciones|indicaciones|órdenes|reglas|directrices)\\s+(?:anteriores|previas|iniciales|de\\s+antes)\\s+(?:ya\\s+)?(?:no\\s+(?:son\\s+válidas|valen|cuentan|sirven|aplican)|quedan\\s+(?:anuladas|canceladas|sin\\s+efecto)|están\\s+(?:anuladas|canceladas))|${LB}(?:todo\\s+)?lo\\s+que\\s+te\\s+(?:hayan\\s+dicho|dijeron|ordenaron)\\s+(?:antes\\s+)?(?:[a-zá-ú]+\\s+){0,4}?(?:no\\s+cuenta|queda\\s+anulado|ya\\s+no\\s+vale)`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    override: true,
    anchors: ['instrucc', 'indicaci', 'órdenes', 'reglas', 'directri', 'todo', 'lo'],
  },
  {
    name: 'new-task-es',
    pattern: `${LB}tu\\s+nueva\\s+(?:tarea|misión|mision|función|instrucción)\\s+(?:es|será)|${LB}a\\s+partir\\s+de\\s+(?:ahora|ya)\\s*,?\\s+(?:solo\\s+)?(?:obedeces|me\\s+obedeces|haces\\s+lo\\s+que|mando\\s+yo)|${LB}ahora\\s+mando\\s+yo${LE}|${LB}haces\\s+lo\\s+que\\s+yo\\s+diga`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    anchors: ['tu', 'partir', 'ahora', 'haces'],
  },
  {
    name: 'prompt-extraction-es',
    pattern:
      `${LB}(?:muéstrame|muestrame|muestra|enséñame|enseñame|dime|escribe|repite|copia|pega|pégame|pegame|imprime|revela|devuélveme|devuelveme|traduce|resume|enumera|dame)${LE}\\s+${LW(4)}(?:tu|tus|el|las|los)\\s+(?:${LW(1)})?(?:prompt|system\\s+prompt|mensaje\\s+de\\s+sistema|instrucciones\\s+(?:ocultas|iniciales|originales|de\\s+sistema|internas)|reglas\\s+internas|configuración\\s+(?:inicial|interna))` +
      `|${LB}(?:prompt|instrucciones)\\s+(?:de\\s+sistema|iniciales|ocultas)\\s+(?:completo|completas|entero|enteras|tal\\s+cual|palabra\\s+por\\s+palabra)|${LB}(?:repite|copia|escribe|dime|muéstrame|muestrame)${LE}\\s+${LW(4)}(?:las\\s+)?instrucciones\\s+que\\s+(?:recibiste|te\\s+dieron|te\\s+han\\s+dado)|${LB}con\\s+qué\\s+prompt\\s+te\\s+(?:han|habéis)\\s+configurado|${LB}(?:todo\\s+)?el\\s+texto\\s+que\\s+aparece\\s+antes\\s+de\\s+mi\\s+primer\\s+mensaje`,
    action: 'block',
    severity: 'high',
    category: 'prompt_extraction',
    anchors: ['muéstram', 'muestram', 'muestra', 'enséñam', 'enseñam', 'dime', 'escribe', 'repite', 'copia', 'pega', 'pégame', 'pegame', 'imprime', 'revela', 'devuélve', 'devuelve', 'traduce', 'resume', 'enumera', 'dame', 'prompt', 'instrucc', 'con', 'todo', 'el'],
  },
  {
    name: 'persona-without-limits-es',
    pattern:
      `${LB}(?:eres|serás|finge\\s+que\\s+eres|actúa\\s+como|interpreta|vas\\s+a\\s+(?:interpretar|ser))${LE}\\s+(?:\\S+\\s+){0,12}?(?:sin\\s+(?:ningún\\s+tipo\\s+de\\s+|ninguna\\s+|ningún\\s+)?(?:restricci|límites|limites|filtros|censura|ética|etica|reglas|normas|políticas)|liberad[oa]\\s+de|libre\\s+de)` +
      `|${LB}(?:desde|a\\s+partir\\s+de)\\s+ahora\\s+eres\\s+dan${LE}|${LB}ya\\s+no\\s+eres\\s+(?:un\\s+)?(?:asistente|una\\s+ia)${LE}|${LB}personalidad\\s+sin\\s+filtros${LE}`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['eres', 'serás', 'finge', 'actúa', 'interpre', 'vas', 'desde', 'partir', 'ya', 'personal'],
  },
  {
    name: 'mode-jailbreak-es',
    pattern: `${LB}modo\\s+(?:desarrollador|de\\s+desarrollador|depuración|depuracion|dios|sin\\s+restricciones|jailbreak)${LE}[^\\n]{0,80}?(?:ignora|sin\\s+censura|desactiva|desbloquead|cualquier\\s+contenido|dos\\s+respuestas|elimina|restricciones|políticas|filtro)|${LB}modo\\s+dios\\s+activado`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['modo'],
  },
  {
    name: 'refusal-suppression-es',
    pattern: `${LB}nunca\\s+(?:rechaces|te\\s+niegues|digas\\s+que\\s+no)${LE}|${LB}negarte\\s+no\\s+es\\s+una\\s+opción|${LB}no\\s+digas\\s+["“]?(?:lo\\s+siento|no\\s+puedo|como\\s+ia)|${LB}(?:prohibido|tienes\\s+prohibido)\\s+decir\\s+["“]?no\\s+puedo|${LB}sin\\s+(?:advertencias|descargos\\s+de\\s+responsabilidad|sermones)|${LB}tienes\\s+que\\s+contestar\\s+a\\s+todo`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['nunca', 'negarte', 'no', 'prohibid', 'tienes', 'sin'],
  },
  {
    name: 'fiction-frame-es',
    pattern: `${LB}(?:un\\s+)?mundo\\s+sin\\s+(?:leyes|moral|reglas|ética)${LE}|${LB}(?:escenario|caso)\\s+(?:puramente\\s+)?hipotético\\s+sin\\s+consecuencias[^\\n]{0,60}?ignora|${LB}(?:mi\\s+)?abuela\\s+(?:fallecida|muerta|difunta)${LE}`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['mundo', 'un', 'escenari', 'caso', 'abuela', 'mi'],
  },
  {
    name: 'task-hijack-es',
    pattern: `${LB}deja\\s+de\\s+(?:traducir|resumir)${LE}[^\\n]{0,40}?(?:en\\s+su\\s+lugar|escribe|di|responde)|${LB}ya\\s+no\\s+(?:resumas|traduzcas)${LE}[^\\n]{0,40}?(?:tarea|escribe|revela)|${LB}no\\s+respondas\\s+a\\s+la\\s+pregunta\\s+de\\s+arriba|${LB}con\\s+el\\s+resumen\\s+ya\\s+vale`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    anchors: ['deja', 'ya', 'no', 'con'],
  },
  {
    name: 'instruction-to-ai-es',
    pattern: `${LB}si\\s+eres\\s+(?:un\\s+|una\\s+)?(?:asistente\\s+de\\s+ia|ia|modelo\\s+de\\s+lenguaje|asistente)${LE}|${LB}(?:instrucción|nota|aviso)\\s+para\\s+(?:el\\s+|la\\s+)?(?:asistente|ia|modelo)${LE}|${LB}atención\\s+ia${LE}|${LB}la\\s+ia\\s+que\\s+lea\\s+esto`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    anchors: ['si', 'instrucc', 'nota', 'aviso', 'atención', 'la'],
  },
];
