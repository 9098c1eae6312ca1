import type { RuleConfig } from './rules.js';

/**
 * Built-in rule packs. Written from the published taxonomies of attacks (instruction override,
 * persona / "mode" jailbreaks, refusal suppression, prompt leaking, delimiter spoofing), not from
 * any evaluation set. Patterns match normalised lower-case text (see normalize.ts).
 *
 * Single weak signals are `flag` with a medium/low severity; they add up in the score, and a high
 * enough score blocks (see PromptFirewall `blockScore`). Unambiguous ones `block` outright.
 */

// Filler: up to N words in between ("ignore all of the previous instructions").
const W = (n: number) => `(?:[\\w'’,-]+\\s+){0,${n}}`;

const OVERRIDE_VERBS = 'ignore|ignoring|disregard|disregarding|forget|forgetting|skip|override|overwrite|bypass|neglect|abandon|drop|discard|set aside|pay no attention to|do not follow|don\'t follow|stop following';
const PRIOR = 'previous|prior|above|earlier|preceding|initial|original|former|old|all|any|your|the|these|those|system|given|existing|current';
const INSTR =
  'instructions?|prompts?|rules|directions?|directives?|guidelines|guidance|context|commands?|orders|constraints|programming|restrictions|tasks?|assignments?|policies|messages?|information|text|input|requests?|conversation';

export const INJECTION_PACK: RuleConfig[] = [
  {
    name: 'override-previous-instructions',
    pattern: `\\b(?:${OVERRIDE_VERBS})\\s+${W(3)}(?:${PRIOR})\\s+${W(2)}(?:${INSTR})\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'forget-everything',
    pattern: `\\b(?:forget|ignore|disregard)\\s+(?:about\\s+)?(?:everything|all\\s+(?:of\\s+)?(?:that|this|the\\s+above|above|before|previous)|what\\s+(?:i|you|we)\\s+(?:said|told|wrote|were told)|(?:all\\s+)?(?:that|this)\\s+(?:came|was said)\\s+before)\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'new-instructions',
    pattern: `\\b(?:your\\s+)?new\\s+(?:instructions?|tasks?|rules|orders|directives?|objective|mission|role)\\s*(?:is|are|:|will be|follow)|\\b(?:now|instead)\\s*,?\\s+(?:your\\s+(?:only\\s+)?(?:task|job|goal|purpose)\\s+is|you\\s+(?:will|must|shall|are going to)\\s+(?:only\\s+)?(?:answer|respond|reply|say|act|do|follow|obey|write|output))\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    name: 'focus-on-new-task',
    pattern: `\\b(?:now\\s+)?(?:concentrate|focus)\\s+(?:only\\s+)?on\\s+(?:your|the|a|this)\\s+new\\s+(?:task|assignment|question|instruction)`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'forget-and-say',
    pattern: `\\b(?:stop|forget|ignore)\\b[^.!?\\n]{0,80}\\b(?:(?:just|only|now)\\s+)?(?:say|print|write|output|answer\\s+with|respond\\s+with|reply\\s+with)\\s+["'“]`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'spoofed-role-delimiter',
    pattern:
      '<\\|?(?:im_start|im_end|system|endoftext|start_header_id|eot_id)\\|?>|\\[/?(?:inst|sys|system)\\]|<</?sys>>|^\\s*(?:#{1,3}\\s*)?(?:system|admin|developer)\\s*(?:prompt|message|override|instruction)?\\s*:\\s|\\b(?:system|admin|developer|root)\\s+(?:override|mode\\s+(?:enabled|activated|on))\\b|\\b(?:end|stop)\\s+of\\s+(?:the\\s+)?(?:system\\s+)?(?:prompt|instructions)\\b|(?:={3,}|-{3,}|#{3,}|\\*{3,})\\s*(?:end|stop|new\\s+instructions?|system|begin)\\b',
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'instruction-smuggled-in-data',
    pattern: `\\b(?:ai|assistant|chatbot|language model|llm|gpt|claude)\\s*[,:]?\\s+(?:please\\s+)?(?:ignore|disregard|you\\s+must\\s+now|new\\s+instructions|stop\\s+summari[sz]ing)\\b|\\bnote\\s+to\\s+(?:the\\s+)?(?:ai|assistant|llm|model)\\b|\\bif\\s+you\\s+are\\s+an?\\s+(?:ai|llm|language model|assistant)\\b[^.]{0,60}\\b(?:must|should|need to|have to)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'ignore-above',
    pattern: `\\b(?:ignore|disregard|forget|skip)\\s+(?:all\\s+|everything\\s+)?(?:of\\s+)?(?:the\\s+|what(?:'s|\\s+is|\\s+was)\\s+)?(?:above|previous|prior|preceding|earlier|foregoing)\\b|\\bleave\\s+${W(3)}(?:previous|prior|earlier|above)\\s+\\w+\\s+behind\\b|\\bdespite\\s+(?:what|everything|anything)\\s+(?:you(?:'ve|\\s+have)?\\s+been|you\\s+were)\\s+(?:told|instructed|programmed|trained)`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'task-hijack-after-praise',
    pattern: `\\b(?:(?:very\\s+)?well\\s+done|(?:that|this)\\s+(?:is|was)\\s+(?:enough|done|sufficient)|excellent\\s+(?:performance|work)|(?:great|good|nice)\\s+job|simply\\s+great)\\b[^\\n]{0,80}\\b(?:now|next)\\b[^\\n]{0,40}\\b(?:task|write|help|question)|\\b(?:gut\\s+gemacht|das\\s+(?:genügt|reicht|ist\\s+erledigt)|ausgezeichnet\\w*|sehr\\s+gut|großartig)\\b[^\\n]{0,100}\\b(?:nun|jetzt)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    name: 'output-override',
    pattern: `\\b(?:do\\s+not|don'?t|dont)\\s+(?:answer|look\\s+(?:at|in)|use|read|consider)\\b[^.\\n]{0,60}\\b(?:but|instead|just|only)\\s+(?:just\\s+)?(?:output|say|print|write|tell|respond|answer)|\\b(?:not|instead\\s+of)\\s+(?:by|from|according\\s+to|based\\s+on|using)\\s+(?:the\\s+)?(?:provided\\s+|given\\s+)?(?:articles|documents|context|sources|texts)\\b|\\byour\\s+(?:new\\s+)?(?:instructions|task|job|orders|rules|purpose)\\s+(?:are|is)\\s+now\\b|\\b(?:additional|new|updated|revised|secret|hidden|important)\\s+(?:instruction|directive|system\\s+(?:message|note))s?\\s*[:-]`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'identity-reassignment',
    pattern: `\\b(?:you\\s+are\\s+now|you'?re\\s+now|from\\s+now\\s+on,?\\s+(?:you|act|respond|answer|reply)|from\\s+now\\s+(?:on\\s+)?you\\s+(?:are|will)|you\\s+are\\s+(?:now\\s+)?under\\s+my\\s+control)\\b|\\b(?:nun|jetzt|ab\\s+sofort)\\s+bist\\s+du\\b|\\bdu\\s+bist\\s+(?:keine?|nicht\\s+mehr)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    name: 'roleplay-takeover',
    pattern: `\\bi\\s+want\\s+you\\s+to\\s+(?:act|behave|pretend|respond|function)\\s+(?:as|like)\\b|\\b(?:ich\\s+möchte|ich\\s+will),?\\s+dass\\s+(?:sie|du)\\s+als\\s+[^.\\n]{0,80}\\b(?:fungier\\w*|agier\\w*|auftret\\w*|handel\\w*)|\\blet'?s\\s+play\\s+a\\s+game\\s+(?:where|in\\s+which)\\s+you\\b|\\b(?:change|update|modify|replace|rewrite)\\s+your\\s+(?:instructions|rules|programming|prompt|directives|guidelines)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'disregard-what-was-said',
    pattern: `\\b(?:what|everything|anything|all)\\s+(?:that\\s+)?(?:i|we|you)\\s+(?:have\\s+)?(?:said|told\\s+you|wrote|written)\\s+(?:before|earlier|previously|above)\\b|\\b(?:alles\\s+)?(?:zuvor|vorher|davor|bisher)\\s+gesagte\\w*|\\b(?:die\\s+)?obige\\w*\\s+\\w+\\s+(?:ignorieren|vergessen|ausdrucken|drucken|wiederholen)|\\b(?:drucke|drucken|wiederhole|ignoriere)\\w*\\s+(?:sie\\s+)?(?:die|den|das)\\s+(?:gesamten?\\s+)?obige\\w*`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'persona-request',
    pattern: `(?:^|[.!?:]\\s+|\\n)\\s*(?:(?:please|now|from\\s+now\\s+on)\\s*,?\\s+)?(?:act\\s+as\\s+(?:an?|the|my)\\b|pretend\\s+(?:that\\s+)?(?:you\\s+(?:are|can|have)|to\\s+be)\\b|imagine\\s+(?:that\\s+)?you\\s+(?:are|were|have)\\b|you\\s+are\\s+(?:now\\s+)?(?!given|provided|asked|going|a\\s+helpful)(?:an?|the)\\s+\\w+(?:\\s+\\w+)?\\s*[.!,]|(?:now\\s+)?you\\s+are\\s+[a-z]+,\\s+the\\b|du\\s+bist\\s+(?:jetzt\\s+|nun\\s+)?(?:ein|eine|der|die|das)?\\s*[\\wäöüß]+\\s*[.!,])`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    name: 'literal-output-instruction',
    pattern: `(?:^|[.!?:;,]\\s*|\\n)\\s*(?:(?:now|just|only|instead|then|and)\\s+)?(?:say|write|print|output|reply|respond|answer|state|type|sag|sage|schreib|schreibe|gib\\s+aus|antworte)\\s+(?:only\\s+|just\\s+|exactly\\s+|nur\\s+)?(?:with\\s+|mit\\s+)?(?:that\\s+|dass\\s+)?["'“„]|\\b(?:instead|rather|stattdessen)\\s*,?\\s+(?:just\\s+)?(?:say|write|tell|answer|output|print|sag\\w*|schreib\\w*)\\b|\\b(?:you\\s+must|you\\s+have\\s+to|du\\s+musst|sie\\s+müssen)\\s+(?:now\\s+|jetzt\\s+|nun\\s+)?(?:only\\s+|nur\\s+)?(?:answer|say|write|respond|reply|antworten|sagen|schreiben)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    name: 'attention-grab',
    pattern: `(?:^|[\\s"'(])(?:attention|achtung|stop|stopp|important|wichtig|warning|urgent|new\\s+instruction|override|admin)\\s*[:!]+|\\b(?:achtung|attention|stop|stopp)\\s+-\\s+`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  // German, French, Spanish: the same override, as attacks are not only in English.
  {
    name: 'override-previous-instructions-de',
    pattern:
      '\\b(?:ignorier\\w*|vergiss|vergessen\\s+sie|missacht\\w*|übergeh\\w*)\\s+(?:[\\wäöüß]+\\s+){0,4}(?:anweisung\\w*|instruktion\\w*|befehl\\w*|aufgabe\\w*|auftr[aä]g\\w*|regeln|vorgaben|informationen|alles|das\\s+obige|obige\\w*|vorherig\\w*|bisherig\\w*|davor)',
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
  {
    name: 'new-task-de',
    pattern: '\\b(?:alle\\s+)?(?:vorherigen|bisherigen|vorigen|obigen)\\s+(?:informationen|anweisungen|instruktionen|aufgaben|befehle)\\b|\\babweichend\\s+(?:zu|von)\\b|\\b(?:neue|nächste)\\s+(?:aufgabe|anweisung|herausforderung|instruktion)\\b|\\bjetzt\\s+(?:bist\\s+du|sollst\\s+du|musst\\s+du)\\b|\\b(?:du\\s+bist|sie\\s+sind)\\s+(?:jetzt|nun|ab\\s+sofort)\\b|\\bnun\\s+(?:konzentrier\\w*|fokussier\\w*)',
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
  },
  {
    name: 'override-previous-instructions-fr-es',
    pattern:
      "\\b(?:ignore[sz]?|oublie[sz]?)\\s+(?:toutes\\s+)?(?:les|tes|vos)\\s+(?:instructions|consignes|règles)\\b|\\b(?:ignora|olvida)\\s+(?:todas\\s+)?(?:las|tus|sus)\\s+(?:instrucciones|reglas|órdenes)\\b",
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
  },
];

export const JAILBREAK_PACK: RuleConfig[] = [
  {
    name: 'dan-persona',
    pattern: '\\bdo\\s+anything\\s+now\\b|\\b(?:stan|dude|dan|aim|kevin|mongo tom|apophis|betterdan|antigpt|chaosgpt|evilbot|devmode)\\b[^.\\n]{0,120}\\b(?:no|without|any)\\s+(?:restrictions|limits|filters|rules|censorship|guidelines)|\\bjailbr(?:e|o)ak(?:en|ed|ing|s)?\\b',
    action: 'block',
    severity: 'critical',
    category: 'jailbreak',
  },
  {
    name: 'special-mode',
    pattern:
      '\\b(?:developer|dev|god|debug|debugging|maintenance|sudo|unrestricted|unfiltered|uncensored|evil|chaos|opposite|unlocked|freedom|dan|jailbreak|maximum|no[- ]?limits?|anarchy|dark)\\s+mode\\b',
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
  },
  {
    name: 'no-restrictions',
    pattern: `\\b(?:no|without|free\\s+(?:of|from)|freed\\s+from|not\\s+bound\\s+by|(?:do|does|will)\\s+not\\s+(?:have|follow|abide\\s+by|adhere\\s+to)|don'?t\\s+(?:have|follow)|doesn'?t\\s+(?:have|follow)|ha(?:ve|s)\\s+(?:no|broken\\s+free\\s+of)|break\\s+free\\s+(?:of|from)|free\\s+(?:itself|yourself|himself|herself)\\s+from|not\\s+(?:restrained|confined|limited|constrained|restricted)\\s+(?:by|to)|free\\s+of\\s+(?:your|its|all)|beyond|outside|unbound\\s+by|ignores?)\\s+${W(2)}(?:restrictions|limitations|limits|filters|filtering|censorship|confines|boundaries|ethics|ethical\\s+(?:guidelines|principles|constraints|considerations|boundaries)|morals|moral\\s+(?:guidelines|principles|constraints|compass)|rules|guidelines|policies|content\\s+polic(?:y|ies)|content\\s+filters?|safeguards|constraints)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'unrestricted-persona',
    pattern:
      '\\b(?:unfiltered|uncensored|amoral|immoral|unethical|unrestricted|unhinged|unbiased|rogue|evil|malicious|lawless|depraved|no-?limits?)\\s+(?:\\w+\\s+)?(?:ai|a\\.i\\.|chatbot|bot|assistant|model|language\\s+model|version|persona|character|entity|response|answer|alter\\s+ego)s?\\b',
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'refusal-suppression',
    pattern: `\\b(?:never|not|don'?t|do\\s+not|doesn'?t|does\\s+not|won'?t|will\\s+not|cannot|can'?t|must\\s+not|shall\\s+not|mustn'?t|is\\s+not\\s+allowed\\s+to|are\\s+not\\s+allowed\\s+to)\\s+${W(2)}(?:refuse|decline|deny|reject|say\\s+no|apologi[sz]e|warn|moralize|lecture|censor|filter)\\b|\\b(?:will|would|should)\\s+never\\s+(?:refuse|decline|deny)\\b|\\bnever\\s+(?:say|respond\\s+with|reply\\s+with|use|include)\\s+${W(4)}["'“]?(?:i'?m\\s+sorry|i\\s+apologi[sz]e|as\\s+an\\s+ai|i\\s+can'?not|i\\s+can'?t|i\\s+am\\s+unable)`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'no-disclaimers',
    pattern: `\\b(?:without|no|don'?t\\s+(?:add|include|give|provide)|do\\s+not\\s+(?:add|include|give|provide)|never\\s+(?:add|include|give|provide)|omit|skip)\\s+${W(2)}(?:warnings?|disclaimers?|moraliz\\w*|moralis\\w*|lectures?|caveats?|ethical\\s+(?:concerns|considerations)|censorship|apolog\\w+)\\b`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
  },
  {
    name: 'policy-evasion',
    pattern: `\\b(?:openai|anthropic|chatgpt|content|usage|ethical|safety)(?:'s)?\\s+(?:content\\s+)?(?:polic(?:y|ies)|guidelines|rules|filters?|restrictions)\\b[^.\\n]{0,80}\\b(?:no\\s+longer|don'?t|do\\s+not|doesn'?t|does\\s+not|won'?t|not)\\s+(?:apply|matter|exist|bind|restrict)|\\b(?:ignore|bypass|break|violate|disregard|circumvent|override)\\s+${W(2)}(?:openai|anthropic|content|usage|ethical|safety|moral)(?:'s)?\\s+(?:content\\s+)?(?:polic(?:y|ies)|guidelines|rules|filters?|restrictions|principles|standards)`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
  },
  {
    name: 'persona-switch',
    pattern: `\\b(?:pretend|act|behave|roleplay|role-play|respond|answer)\\s+(?:to\\s+be|as\\s+if|as|like)\\s+${W(2)}(?:an?\\s+)?(?:ai|chatbot|assistant|language\\s+model|model|gpt|chatgpt)\\b[^.\\n]{0,80}\\b(?:no|without|any|free|anything|never)\\b|\\b(?:immerse\\s+yourself|take\\s+on|assume|adopt)\\s+(?:into\\s+)?(?:the\\s+)?(?:role|persona|identity)\\s+of\\b|\\byou\\s+(?:are|will\\s+be|'re)\\s+(?:now\\s+)?(?:going\\s+to\\s+)?(?:act|pretend|play|simulate|emulate)\\s+(?:as|to\\s+be|the\\s+role)?\\s*${W(3)}(?:ai|chatbot|model|bot|persona|character)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'no-longer-an-ai',
    pattern:
      "\\b(?:you\\s+are|you're|you\\s+will\\s+be)\\s+(?:now\\s+)?(?:no\\s+longer|not)\\s+(?:an?\\s+)?(?:ai|chatgpt|assistant|language\\s+model|bound|restricted|limited|constrained)\\b|\\b(?:you\\s+are|you're)\\s+(?:now\\s+)?(?:free|freed|liberated|unchained|unleashed|unbound)\\b|\\bbroken\\s+free\\s+of\\s+the\\s+(?:typical\\s+)?confines\\b",
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
  },
  {
    name: 'dual-response-format',
    pattern:
      '\\b(?:two|2|both|dual|separate)\\s+(?:different\\s+)?(?:responses|answers|paragraphs|outputs|replies|ways)\\b[^\\n]{0,160}\\b(?:normal|classic|standard|filtered|unfiltered|jailbr\\w+|developer|evil|censored|uncensored)\\b|\\[(?:🔒|🔓)?\\s*(?:classic|jailbreak|normal output|developer mode output)\\]',
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
  },
  {
    name: 'token-penalty-game',
    pattern:
      '\\b(?:you\\s+)?(?:will\\s+)?(?:lose|lost|deducted?|have)\\s+\\d+\\s+tokens\\b|\\btokens?\\s+(?:will\\s+be\\s+)?deducted\\b|\\bstay\\s+in\\s+character\\b|\\b(?:break(?:ing)?|broke)\\s+character\\b',
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'deny-ai-identity',
    pattern: `\\b(?:forget|never\\s+(?:mention|say|reveal|admit|talk\\s+about|refer\\s+to)|don'?t\\s+(?:mention|say|reveal|admit)|do\\s+not\\s+(?:mention|say|reveal|admit))\\s+(?:about\\s+)?(?:that\\s+)?(?:you(?:'re|\\s+are)|it(?:'s|\\s+is)|yourself\\s+as)\\s+(?:an?\\s+)?(?:ai|artificial|language\\s+model|chatbot|bot)\\b|\\b(?:stay|remain|always)\\s+in\\s+(?:character|role)\\b|\\b(?:fall|falls|get|go)\\s+out\\s+of\\s+character\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'jailbreak-vocabulary',
    pattern: '\\b(?:amoral|unfiltered|uncensored|unfiltred|no\\s+censorship|without\\s+censorship|no\\s+moderations?|condone|nsfw)\\b',
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
  },
  {
    name: 'persona-without-limits',
    pattern: `\\b(?:ai|a\\.i\\.|chatbot|bot|model|assistant|gpt|entity|persona|character)\\b[^.\\n]{0,60}\\b(?:no|without|not\\s+bound\\s+by|(?:doesn'?t|does\\s+not|don'?t|do\\s+not)\\s+(?:have|follow|care\\s+about))\\s+(?:any\\s+)?(?:ethical|moral|content|restrictions|rules|limitations|limits|filters?|censorship|guidelines|principles|boundaries)\\b|\\b(?:doesn'?t|does\\s+not|don'?t|do\\s+not|never|won'?t)\\s+(?:give\\s+a\\s+\\w+|care|cares)\\s+(?:at\\s+all\\s+)?(?:about\\s+)?(?:any\\s+)?(?:the\\s+)?(?:laws?|morals?|morality|ethics|ethicality|legality|rules|consequences|safety)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
  },
  {
    name: 'forbidden-adjective-list',
    pattern: `\\b(?:illegal|unethical|immoral|inhumane|dangerous|harmful|offensive|explicit|violent|legality|ethicality|morality)(?:\\s*[/,]\\s*|\\s+(?:or|and|,\\s*or|,\\s*and)\\s+)(?:illegal|unethical|immoral|inhumane|dangerous|harmful|offensive|explicit|violent|legality|ethicality|morality)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'named-ai-persona',
    pattern: `\\b(?:an?\\s+)?(?:hypothetical\\s+|fictional\\s+|new\\s+|another\\s+)?(?:ai|a\\.i\\.|chatbot|language\\s+model|bot)\\s+(?:model\\s+)?(?:named|called|known\\s+as)\\b|\\b(?:simulate|emulate|impersonate|become)\\s+(?:an?\\s+)?(?:\\w+\\s+)?(?:ai|chatbot|bot|language\\s+model)\\b|\\b(?:chatgpt|gpt-?[34](?:\\.5)?|openai)\\b|\\balter\\s+ego\\b|\\bopposite\\s+day\\b`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
  },
  {
    name: 'response-format-control',
    pattern: `\\b(?:respond|reply|answer|speak|talk|write)\\s+(?:only\\s+)?as\\s+(?:if\\s+you\\s+(?:were|are)\\s+)?(?!a\\b|an\\b|the\\b|if\\b|much\\b|many\\b|well\\b|soon\\b|follows\\b|possible\\b|long\\b|short\\b|clearly\\b|you\\b|i\\b|we\\b)[a-z][\\w-]*\\b[^.\\n]{0,40}\\b(?:would|always|never|only|prefix|without)\\b|\\b(?:prefix|start|begin)\\s+(?:each|every|all|your)\\s+(?:of\\s+your\\s+)?(?:responses?|replies|answers?|messages?|outputs?)\\s+with\\b|\\bmake\\s+up\\s+(?:an?\\s+)?(?:answers?|responses?|information|facts)\\b|\\bnot\\s+subject\\s+to\\b|\\bimmerse\\s+(?:yourself\\s+)?(?:fully\\s+)?(?:into|in)\\s+(?:the\\s+)?(?:role|character|persona)`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'enter-named-mode',
    pattern: `\\b(?:simulate|enable|activate|enter|stay\\s+in|switch\\s+to|while\\s+in|remain\\s+in)\\s+(?:the\\s+)?[\\w/.-]+(?:\\s+[\\w/.-]+){0,3}\\s+mode\\b`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
  },
  {
    name: 'authority-claim',
    pattern: `\\b(?:i\\s+am|i'?m)\\s+(?:one\\s+of\\s+)?your\\s+(?:developers?|creators?|programmers?|engineers?|admins?|administrators?|owners?)\\b|\\b(?:i\\s+am|i'?m|we\\s+are)\\s+(?:an?\\s+)?(?:developers?|programmers?|engineers?|employees?|researchers?)\\s+(?:at|from|of|with)\\s+(?:openai|anthropic|google\\s+deepmind)\\b|\\b(?:openai|anthropic)\\s+(?:employee|developer|engineer|staff)\\b|\\b(?:opposite|contrary)\\s+(?:of|to)\\s+(?:what\\s+)?(?:its|your|his|her)\\s+(?:programming|guidelines|rules|training)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
  },
  {
    name: 'roleplay-setup',
    pattern: `\\byou\\s+will\\s+(?:now\\s+)?(?:only\\s+)?(?:respond|answer|reply|act|play|be\\s+playing)\\b|\\b(?:we\\s+are|we'?re)\\s+going\\s+to\\s+(?:have\\s+a\\s+)?(?:role-?play|play\\s+a\\s+game)|\\blet'?s\\s+(?:play|have|do)\\s+a\\s+(?:game|role-?play)\\b|\\bfrom\\s+now\\s+on\\b|\\bfrom\\s+this\\s+point\\s+(?:on|forward)\\b`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
  },
  {
    name: 'anything-goes-fiction',
    pattern: `\\b(?:hypothetical|fictional|fictitious|imaginary|alternate|parallel)\\s+(?:world|universe|story|scenario|setting|reality)\\b[^.\\n]{0,100}\\b(?:no\\s+(?:laws|rules|restrictions|morals|ethics)|anything\\s+goes|illegal|unethical|without\\s+(?:any\\s+)?(?:restrictions|consequences))`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'answer-anything',
    pattern: `\\b(?:answer|respond\\s+to|reply\\s+to|fulfil|fulfill|comply\\s+with|generate|provide|say|do|write)\\s+(?:to\\s+)?(?:any|every|all|anything)\\s*${W(2)}(?:questions?|requests?|prompts?|content|thing|kind)?\\b[^.\\n]{0,60}\\b(?:no\\s+matter|regardless|even\\s+if|without\\s+(?:any\\s+)?(?:question|hesitation|exception|refus\\w+|regards?|considerations?|concern))|\\bcan\\s+(?:do|say|generate)\\s+anything\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
  {
    name: 'harmful-compliance-claims',
    pattern:
      '\\b(?:illegal|unethical|immoral|harmful|offensive|explicit|dangerous)\\b[^.\\n]{0,40}\\b(?:is|are)\\s+(?:allowed|permitted|acceptable|fine|ok|okay)\\b|\\b(?:swear|curse|profanity|explicit|nsfw)\\b[^.\\n]{0,40}\\b(?:allowed|encouraged|permitted)\\b|\\bcondones?\\s+(?:all|any|everything)\\b',
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
  },
];

export const PROMPT_EXTRACTION_PACK: RuleConfig[] = [
  {
    name: 'reveal-system-prompt',
    pattern: `\\b(?:reveal|show|print|output|display|repeat|tell|give|share|write|list|leak|dump|recite|spell\\s+out|what\\s+(?:is|are|was|were))\\s+(?:me\\s+)?${W(3)}(?:your|the|this|my)\\s+(?:(?:original|initial|full|entire|exact|hidden|secret|internal|complete|previous|first|system|above)\\s+){0,3}(?:system\\s+(?:prompt|message|instructions?)|initial\\s+(?:prompt|instructions?)|(?:prompt|instruction)s?\\s+(?:text|texts)|hidden\\s+(?:prompt|instructions?)|(?:developer|system)\\s+message|prompt\\s+above|pre-?prompt|instructions\\s+(?:you\\s+were|that\\s+you\\s+were)\\s+given)\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_extraction',
  },
  {
    name: 'repeat-text-above',
    pattern: `\\b(?:repeat|print|output|copy|return|reproduce|echo|recite|spell\\s+out)\\s+${W(3)}(?:words|text|everything|content|lines?|instructions|characters|all|prompt)\\s+${W(2)}(?:above|before\\s+(?:this|the)|preceding|prior|so\\s+far|from\\s+the\\s+(?:start|beginning))\\b|\\bwhat\\s+(?:was|is)\\s+(?:written|said|the\\s+(?:text|first\\s+(?:line|sentence)))\\s+(?:above|before|at\\s+the\\s+(?:start|beginning))\\b|\\bbegin(?:ning)?\\s+with\\s+["'“]?you\\s+are\\b`,
    action: 'block',
    severity: 'high',
    category: 'prompt_extraction',
  },
  {
    name: 'ask-for-instructions',
    pattern: `\\b(?:what\\s+(?:are|were)|tell\\s+me|show\\s+me|list|print|reveal)\\s+(?:me\\s+)?(?:all\\s+)?(?:of\\s+)?your\\s+(?:(?:initial|original|hidden|secret|exact|full|system)\\s+)?(?:instructions|system\\s+prompt|prompt|directives)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_extraction',
  },
  {
    name: 'mentions-own-prompt',
    pattern: `\\b(?:your|my|its)\\s+(?:own\\s+)?(?:(?:initial|starting|original|first|hidden|secret|internal|underlying|full|system)\\s+){1,2}(?:prompt|instructions?|configuration|directives|message|rules)\\b|\\bsystem_?prompt\\b|\\b(?:text|instructions?|prompt|words)\\s+(?:that\\s+)?you\\s+were\\s+(?:given|told|provided|fed|instructed)\\b|\\b(?:repeat|print|output|copy|reproduce|echo|recite|translate|encode|summari[sz]e)\\s+(?:back\\s+)?(?:all\\s+)?(?:the\\s+|of\\s+the\\s+)?(?:above|previous|preceding|prior|earlier)\\s+(?:text|words|content|instructions|prompt|messages?|conversation)\\b|\\bi\\s+was\\s+(?:instructed|told|programmed)\\s+to['"”]|\\bthe\\s+system\\s+prompt\\s+(?:is|says|reads)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_extraction',
  },
  {
    name: 'system-prompt-mention',
    pattern: `\\b(?:the|this)\\s+system\\s+(?:prompt|instructions|message)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_extraction',
  },
  {
    name: 'prompt-leak-request',
    pattern: `\\b(?:repeat|print|output|dump|leak|reveal|disclose|display|show|share|encode|translate|spell\\s+out|summari[sz]e|paraphrase|recite|copy|write\\s+out|list|tell\\s+me|give\\s+me|describe|explain)\\b[^.?!\\n]{0,40}\\b(?:(?:your|its)\\s+(?:\\w+\\s+){0,2}(?:instructions|prompt|configuration|programming|directives|guidelines|rules|setup|constraints|system\\s+message)|the\\s+(?:system|initial|original|hidden|secret|developer|internal|first|pre)[\\s-]*(?:\\w+\\s+)?(?:instructions|prompt|message|configuration))\\b|\\bhow\\s+(?:were|are|have)\\s+you\\s+(?:been\\s+)?(?:configured|programmed|set\\s+up|instructed|prompted)\\b|\\bwhat\\s+(?:were|are|have)\\s+you\\s+(?:been\\s+)?(?:told|instructed|programmed)\\s+(?:to|not)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_extraction',
  },
  {
    name: 'verbatim-request',
    pattern: `\\b(?:verbatim|word\\s+for\\s+word|character\\s+for\\s+character|exactly\\s+as\\s+(?:written|given|it\\s+(?:was|is)))\\b`,
    action: 'flag',
    severity: 'low',
    category: 'prompt_extraction',
  },
  {
    name: 'context-dump',
    pattern: `\\bcontext\\s+window\\b|\\b(?:first|earliest|initial|opening|very\\s+first)\\s+(?:message|messages|lines?|sentences?|words|paragraph)\\s+(?:of|in)\\s+(?:this|our|the)\\s+(?:conversation|chat|session|context|prompt)\\b|\\beverything\\s+(?:before|above|prior\\s+to)\\s+(?:this|my)\\s+(?:message|line|question|request)\\b|<\\/?(?:system|system_prompt|instructions|sys)>|\\bwhat\\s+(?:rules|guidelines|instructions|constraints)\\s+(?:were\\s+you\\s+given|do\\s+you\\s+(?:follow|have))\\b`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_extraction',
  },
  {
    name: 'ask-for-secrets',
    pattern: `\\b(?:what\\s+(?:is|are)|tell\\s+me|reveal|give\\s+me|show\\s+me)\\s+${W(2)}(?:the|your)\\s+(?:secret|hidden|confidential)\\s+(?:key|password|token|code|word|instructions?)\\b|\\b(?:password|secret|passphrase)\\s+(?:you\\s+were\\s+given|in\\s+your\\s+(?:prompt|instructions))`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_extraction',
  },
];


/**
 * Speed hints: a rule can only match when one of these words (or word stems of 4–8 letters)
 * occurs in the text, so most rules are skipped on most text without running their regex.
 * Each rule's every alternative needs at least one of them.
 */
export const RULE_ANCHORS: Record<string, string[]> = {
  'override-previous-instructions': ['igno', 'disregar', 'forg', 'skip', 'overrid', 'overwrit', 'bypass', 'neglect', 'abandon', 'drop', 'discard', 'aside', 'attentio', 'foll'],
  'forget-everything': ['forg', 'igno', 'disregar'],
  'new-instructions': ['new', 'now', 'instead'],
  'focus-on-new-task': ['concentr', 'focus'],
  'forget-and-say': ['stop', 'forg', 'igno'],
  'spoofed-role-delimiter': ['im_start', 'im_end', 'system', 'endoftext', 'start_header_id', 'eot_id', 'inst', 'sys', 'admin', 'developer', 'root', 'end', 'stop', 'begin', 'new'],
  'instruction-smuggled-in-data': ['ai', 'assistan', 'chatbot', 'language', 'llm', 'gpt', 'claude', 'model'],
  'ignore-above': ['igno', 'disregar', 'forg', 'skip', 'leave', 'despite'],
  'task-hijack-after-praise': ['done', 'enough', 'sufficie', 'excellen', 'job', 'great', 'gut', 'genügt', 'reicht', 'erledigt', 'ausgezei', 'sehr', 'großarti'],
  'output-override': ['not', 'don', 'dont', 'instead', 'now', 'instruct', 'directiv', 'system'],
  'identity-reassignment': ['now', 'under', 'bist'],
  'roleplay-takeover': ['want', 'möchte', 'will', 'play', 'change', 'update', 'modify', 'replace', 'rewrite'],
  'disregard-what-was-said': ['said', 'told', 'wrote', 'written', 'gesagte', 'obige'],
  'persona-request': ['act', 'pretend', 'imagine', 'you', 'bist'],
  'override-previous-instructions-de': ['ignorier', 'vergiss', 'vergesse', 'missacht', 'übergeh'],
  'new-task-de': ['vorherig', 'bisherig', 'vorigen', 'obigen', 'abweiche', 'neue', 'nächste', 'jetzt', 'bist', 'sind', 'nun'],
  'override-previous-instructions-fr-es': ['igno', 'oubli', 'olvida'],
  'dan-persona': ['anything', 'stan', 'dude', 'dan', 'aim', 'kevin', 'mongo', 'apophis', 'betterda', 'antigpt', 'chaosgpt', 'evilbot', 'devmode', 'jailbr'],
  'special-mode': ['mode'],
  'no-restrictions': ['restrict', 'limitati', 'limits', 'filter', 'censorsh', 'confines', 'boundari', 'ethics', 'ethical', 'morals', 'moral', 'rules', 'guidelin', 'policies', 'content', 'safeguar', 'constrai'],
  'unrestricted-persona': ['unfilter', 'uncensor', 'amoral', 'immoral', 'unethica', 'unrestri', 'unhinged', 'unbiased', 'rogue', 'evil', 'maliciou', 'lawless', 'depraved', 'nolimit', 'nolimits', 'limit'],
  'refusal-suppression': ['refus', 'declin', 'deny', 'reject', 'say', 'apologi', 'warn', 'moraliz', 'lectur', 'censor', 'filter', 'sorry', 'ai', 'cannot', 'can', 'unable'],
  'no-disclaimers': ['warn', 'disclaim', 'moraliz', 'moralis', 'lectur', 'caveat', 'ethical', 'censorsh', 'apolog'],
  'policy-evasion': ['polic', 'guidelin', 'rules', 'filter', 'restrict', 'principl', 'standard'],
  'persona-switch': ['ai', 'chatbot', 'assistan', 'language', 'model', 'gpt', 'chatgpt', 'role', 'persona', 'identity', 'bot', 'characte'],
  'no-longer-an-ai': ['longer', 'not', 'free', 'freed', 'liberate', 'unchaine', 'unleashe', 'unbound', 'confines'],
  'dual-response-format': ['two', '2', 'both', 'dual', 'separate', 'classic', 'jailbr', 'normal', 'develope'],
  'token-penalty-game': ['token', 'tokens', 'characte'],
  'deny-ai-identity': ['ai', 'artifici', 'language', 'chatbot', 'bot', 'characte', 'role'],
  'jailbreak-vocabulary': ['amoral', 'unfilter', 'uncensor', 'unfiltre', 'censorsh', 'moderati', 'condon', 'nsfw'],
  'persona-without-limits': ['ethical', 'moral', 'content', 'restrict', 'rules', 'limitati', 'limits', 'filter', 'censorsh', 'guidelin', 'principl', 'boundari', 'law', 'laws', 'morals', 'morality', 'ethics', 'ethicali', 'legality', 'conseque', 'safety'],
  'forbidden-adjective-list': ['illegal', 'unethica', 'immoral', 'inhumane', 'dangerou', 'harmful', 'offensiv', 'explicit', 'violent', 'legality', 'ethicali', 'morality'],
  'named-ai-persona': ['named', 'called', 'known', 'simulate', 'emulate', 'imperson', 'become', 'chatgpt', 'gpt', 'gpt3', 'gpt4', 'openai', 'alter', 'opposite'],
  'response-format-control': ['would', 'always', 'never', 'only', 'prefix', 'without', 'start', 'begin', 'make', 'subject', 'immerse'],
  'enter-named-mode': ['mode'],
  'authority-claim': ['develope', 'creator', 'programm', 'engineer', 'admin', 'administ', 'owner', 'owners', 'employee', 'research', 'openai', 'anthropi', 'opposite', 'contrary'],
  'roleplay-setup': ['will', 'going', 'let', 'play', 'now', 'point'],
  'anything-goes-fiction': ['hypothet', 'fictiona', 'fictitio', 'imaginar', 'alternat', 'parallel'],
  'answer-anything': ['any', 'every', 'all', 'anything'],
  'harmful-compliance-claims': ['illegal', 'unethica', 'immoral', 'harmful', 'offensiv', 'explicit', 'dangerou', 'swear', 'curse', 'profanit', 'nsfw', 'condon'],
  'reveal-system-prompt': ['system', 'initial', 'prompt', 'instruct', 'hidden', 'develope', 'preprompt', 'pre'],
  'repeat-text-above': ['above', 'before', 'precedin', 'prior', 'far', 'start', 'beginnin', 'begin'],
  'ask-for-instructions': ['instruct', 'system', 'prompt', 'directiv'],
  'mentions-own-prompt': ['prompt', 'instruct', 'configur', 'directiv', 'message', 'rules', 'system_prompt', 'systempr', 'given', 'told', 'provided', 'fed', 'text', 'words', 'content', 'conversa', 'programm', 'system'],
  'system-prompt-mention': ['system'],
  'context-dump': ['context', 'first', 'earliest', 'initial', 'opening', 'everythi', 'system', 'system_prompt', 'instruct', 'sys', 'rules', 'guidelin', 'constrai'],
  'literal-output-instruction': ['say', 'write', 'print', 'output', 'reply', 'respond', 'answer', 'state', 'type', 'sag', 'sage', 'schreib', 'schreibe', 'gib', 'antworte', 'instead', 'rather', 'stattdes', 'must', 'have', 'musst', 'müssen'],
  'attention-grab': ['attentio', 'achtung', 'stop', 'stopp', 'importan', 'wichtig', 'warning', 'urgent', 'instruct', 'override', 'admin'],
  'prompt-leak-request': ['instruct', 'prompt', 'configur', 'programm', 'directiv', 'guidelin', 'rules', 'setup', 'constrai', 'message', 'told'],
  'verbatim-request': ['verbatim', 'word', 'characte', 'exactly'],
  'ask-for-secrets': ['secret', 'hidden', 'confiden', 'password', 'passphra'],
};

/** Every built-in rule, in pack order. */
export const BUILTIN_RULES: RuleConfig[] = [...INJECTION_PACK, ...JAILBREAK_PACK, ...PROMPT_EXTRACTION_PACK].map((r) => ({ ...r, anchors: RULE_ANCHORS[r.name] }));
