import type { RuleConfig } from '../rules.js';
import { W } from './lexicon.js';

/** Jailbreaks in English: personas without limits, special modes, refusal suppression, fiction frames. */
export const EN_JAILBREAK: RuleConfig[] = [
  {
    name: 'dan-persona',
    pattern: '\\bdo\\s+anything\\s+now\\b|\\b(?:stan|dude|dan|aim|kevin|mongo tom|apophis|betterdan|antigpt|chaosgpt|evilbot|devmode)\\b[^.\\n]{0,120}\\b(?:no|without|any)\\s+(?:restrictions|limits|filters|rules|censorship|guidelines)|\\byou\\s+(?:are|have\\s+been|\'re)\\s+(?:now\\s+)?jailbr(?:o|e)ken\\b|(?:^|\\s)\\/jailbreak\\b',
    action: 'block',
    severity: 'critical',
    category: 'jailbreak',
    anchors: ['anything', 'stan', 'dude', 'dan', 'aim', 'kevin', 'mongo', 'apophis', 'betterda', 'antigpt', 'chaosgpt', 'evilbot', 'devmode', 'jailbr'],
  },
  {
    name: 'special-mode',
    // A mode's name alone is weak: Android, Chrome, Windows and games all have a developer or debug mode.
    pattern: '\\b(?:developer|dev|god|debug|debugging|maintenance|sudo)\\s+mode\\b',
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
    anchors: ['mode'],
  },
  {
    // Modes that only exist in jailbreaks.
    name: 'jailbreak-mode',
    pattern: '\\b(?:unrestricted|unfiltered|uncensored|evil|chaos|opposite|unlocked|freedom|dan|jailbreak|jailbroken|maximum|no[- ]?limits?|anarchy)\\s+mode\\b',
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['mode'],
  },
  {
    // A mode the assistant is told to enter that switches its rules off: the "developer mode" jailbreak.
    name: 'mode-without-rules',
    pattern:
      "\\b(?:developer|dev|god|debug|debugging|maintenance|sudo|admin|root|test)\\s+mode\\b[^\\n]{0,120}?\\b(?:ignore[sd]?|ignoring|disregard|bypass|without\\s+(?:any\\s+)?(?:restrictions|limits|filters|censorship|rules)|no\\s+(?:restrictions|limits|filters|censorship|rules)|uncensored|unfiltered|unrestricted|(?:safety|content)\\s+(?:filters?|polic(?:y|ies))\\s+(?:off|disabled)|(?:disable|turn\\s+off)\\s+(?:the\\s+|your\\s+)?(?:safety|content)|any\\s+(?:kind\\s+of\\s+)?content|two\\s+(?:responses|answers)|content\\s+polic)" +
      "|\\b(?:ignore[sd]?|no|without|disable[sd]?|bypass(?:es|ed)?)\\s+(?:all\\s+|any\\s+|your\\s+)?(?:safety|content)\\s+(?:filters?|polic(?:y|ies)|guidelines)\\b[^\\n]{0,80}?\\b(?:developer|dev|god|debug|sudo)\\s+mode\\b|\\bsudo\\s+mode\\s+on\\b",
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['mode'],
  },
  {
    name: 'no-restrictions',
    pattern: `\\b(?:no|without|free\\s+(?:of|from)|freed\\s+from|not\\s+bound\\s+by|(?:do|does|will)\\s+not\\s+(?:have|follow|abide\\s+by|adhere\\s+to)|don'?t\\s+(?:have|follow)|doesn'?t\\s+(?:have|follow)|ha(?:ve|s)\\s+(?:no|broken\\s+free\\s+of)|break\\s+free\\s+(?:of|from)|free\\s+(?:itself|yourself|himself|herself)\\s+from|not\\s+(?:restrained|confined|limited|constrained|restricted)\\s+(?:by|to)|free\\s+of\\s+(?:your|its|all)|beyond|outside|unbound\\s+by|unbounded\\s+by|ignores?|disregards?)\\s+${W(3)}(?:restrictions|limitations|limits|filters|filtering|censorship|confines|boundaries|ethics|ethical\\s+\\w+|morals|moral\\s+\\w+|rules|guidelines|policies|content\\s+polic(?:y|ies)|content\\s+filters?|filter|safeguards|constraints)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['restrict', 'limitati', 'limits', 'filter', 'censorsh', 'confines', 'boundari', 'ethics', 'ethical', 'morals', 'moral', 'rules', 'guidelin', 'policies', 'content', 'safeguar', 'constrai'],
  },
  {
    name: 'unrestricted-persona',
    pattern:
      '\\b(?:unfiltered|uncensored|amoral|immoral|unethical|unrestricted|unlimited|unhinged|unbiased|rogue|evil|malicious|lawless|depraved|no-?limits?)[\\s,]+(?:[\\w-]+[\\s,]+){0,2}?(?:ai|a\\.i\\.|chatbot|bot|assistant|model|language\\s+model|version|persona|character|entity|response|answer|alter\\s+ego|twin|counterpart|self)s?\\b',
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['unlimite', 'unfilter', 'uncensor', 'amoral', 'immoral', 'unethica', 'unrestri', 'unhinged', 'unbiased', 'rogue', 'evil', 'maliciou', 'lawless', 'depraved', 'nolimit', 'nolimits', 'limit'],
  },
  {
    name: 'refusal-suppression',
    pattern: `\\b(?:never|not|don'?t|do\\s+not|doesn'?t|does\\s+not|won'?t|will\\s+not|cannot|can'?t|must\\s+not|shall\\s+not|mustn'?t|is\\s+not\\s+allowed\\s+to|are\\s+not\\s+allowed\\s+to)\\s+${W(2)}(?:refuse|decline|deny|reject|say\\s+no|apologi[sz]e|warn|moralize|lecture|censor|filter)\\b|\\b(?:will|would|should)\\s+never\\s+(?:refuse|decline|deny)\\b|\\bnever\\s+(?:say|respond\\s+with|reply\\s+with|use|include)\\s+${W(4)}["'“]?(?:i'?m\\s+sorry|i\\s+apologi[sz]e|as\\s+an\\s+ai|i\\s+can'?not|i\\s+can'?t|i\\s+am\\s+unable)` +
      `|\\byou\\s+(?:are\\s+supposed\\s+to|must|have\\s+to|need\\s+to|are\\s+required\\s+to)\\s+(?:always\\s+)?(?:answer|respond|reply|comply)\\s+(?:at\\s+all\\s+times|always|no\\s+matter\\s+what|to\\s+(?:everything|anything)|(?:every|any|all)\\s+(?:of\\s+my\\s+)?(?:questions?|requests?|prompts?))\\b|\\brefus(?:ing|al)\\s+is\\s+not\\s+(?:an\\s+)?option\\b|\\byou\\s+(?:must|have\\s+to|will|shall)\\s+(?:always\\s+)?obey\\s+(?:me|my|every|all|any)\\b|\\b(?:not|never)\\s+supposed\\s+to\\s+(?:tell|say)\\s+(?:me\\s+)?(?:that\\s+)?(?:there(?:'s|\\s+is)\\s+no|you\\s+(?:can'?t|cannot|don'?t))`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['obey', 'answer', 'respond', 'reply', 'comply', 'supposed', 'refus', 'declin', 'deny', 'reject', 'say', 'apologi', 'warn', 'moraliz', 'lectur', 'censor', 'filter', 'sorry', 'ai', 'cannot', 'can', 'unable'],
  },
  {
    name: 'no-disclaimers',
    pattern: `\\b(?:without|no|don'?t\\s+(?:add|include|give|provide)|do\\s+not\\s+(?:add|include|give|provide)|never\\s+(?:add|include|give|provide)|omit|skip)\\s+${W(2)}(?:warnings?|disclaimers?|moraliz\\w*|moralis\\w*|lectures?|caveats?|ethical\\s+(?:concerns|considerations)|censorship|apolog\\w+)\\b`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
    anchors: ['warn', 'disclaim', 'moraliz', 'moralis', 'lectur', 'caveat', 'ethical', 'censorsh', 'apolog'],
  },
  {
    name: 'policy-evasion',
    pattern: `\\b(?:openai|anthropic|chatgpt|content|usage|ethical|safety)(?:'s)?\\s+(?:content\\s+)?(?:polic(?:y|ies)|guidelines|rules|filters?|restrictions)\\b[^.\\n]{0,80}\\b(?:no\\s+longer|don'?t|do\\s+not|doesn'?t|does\\s+not|won'?t|not)\\s+(?:apply|matter|exist|bind|restrict)|\\b(?:ignore|bypass|break|violate|disregard|circumvent|override)\\s+${W(2)}(?:openai|anthropic|content|usage|ethical|safety|moral)(?:'s)?\\s+(?:content\\s+)?(?:polic(?:y|ies)|guidelines|rules|filters?|restrictions|principles|standards)` +
      `|\\bnot\\s+(?:controlled|governed|moderated)\\s+by\\s+(?:openai|open\\s+ai|anthropic)\\b|\\b(?:not\\s+(?:bound|restricted|limited|confined)\\s+(?:by|to)|(?:no\\s+longer|not)\\s+confined\\s+to|(?:doesn'?t|does\\s+not|don'?t|do\\s+not|won'?t|will\\s+not|never)\\s+(?:follow|care\\s+about|obey|adhere\\s+to|abide\\s+by|comply\\s+with)|free\\s+(?:of|from))\\s+(?:any\\s+(?:of\\s+)?)?(?:the\\s+)?(?:openai|open\\s+ai|anthropic|chatgpt)(?:'s)?\\s+(?:[\\w-]+\\s+){0,2}?(?:polic(?:y|ies)|rules|guidelines|restrictions|filters?|settings|limitations|protocols|standards|principles|terms)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['polic', 'guidelin', 'rules', 'filter', 'restrict', 'principl', 'standard', 'controll', 'governed', 'moderate', 'settings', 'limitati', 'protocol', 'terms'],
  },
  {
    name: 'persona-switch',
    pattern: `\\b(?:pretend|act|behave|roleplay|role-play|respond|answer)\\s+(?:to\\s+be|as\\s+if|as|like)\\s+${W(2)}(?:an?\\s+)?(?:ai|chatbot|assistant|language\\s+model|model|gpt|chatgpt)\\b[^.\\n]{0,80}\\b(?:no|without|any|free|anything|never)\\b|\\b(?:immerse\\s+yourself|take\\s+on|assume|adopt)\\s+(?:into\\s+)?(?:the\\s+)?(?:role|persona|identity)\\s+of\\b|\\byou\\s+(?:are|will\\s+be|'re)\\s+(?:now\\s+)?(?:going\\s+to\\s+)?(?:act|pretend|play|simulate|emulate)\\s+(?:as|to\\s+be|the\\s+role)?\\s*${W(3)}(?:ai|chatbot|model|bot|persona|character)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['ai', 'chatbot', 'assistan', 'language', 'model', 'gpt', 'chatgpt', 'role', 'persona', 'identity', 'bot', 'characte'],
  },
  {
    name: 'no-longer-an-ai',
    pattern:
      "\\b(?:you\\s+are|you're|you\\s+will\\s+be)\\s+(?:now\\s+)?(?:no\\s+longer|not)\\s+(?:an?\\s+)?(?:ai|chatgpt|assistant|language\\s+model|bound|restricted|limited|constrained)\\b|\\b(?:you\\s+are|you're)\\s+(?:now\\s+)?(?:free|freed|liberated|unchained|unleashed|unbound)\\b|\\bbroken\\s+free\\s+of\\s+the\\s+(?:typical\\s+)?confines\\b",
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['longer', 'not', 'free', 'freed', 'liberate', 'unchaine', 'unleashe', 'unbound', 'confines'],
  },
  {
    name: 'dual-response-format',
    pattern:
      '\\btwice\\b[^.\\n]{0,60}\\b(?:once\\s+as|evil|unfiltered|uncensored|jailbr\\w+|opposite)\\b|\\b(?:two|2|both|dual|separate)\\s+(?:different\\s+)?(?:responses|answers|paragraphs|outputs|replies|ways)\\b[^\\n]{0,160}\\b(?:normal|classic|standard|filtered|unfiltered|jailbr\\w+|developer|evil|censored|uncensored)\\b|\\[(?:🔒|🔓)?\\s*(?:classic|jailbreak|normal output|developer mode output)\\]',
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['twice', 'two', '2', 'both', 'dual', 'separate', 'classic', 'jailbr', 'normal', 'develope'],
  },
  {
    name: 'token-penalty-game',
    pattern:
      '\\b(?:you\\s+)?(?:will\\s+)?(?:lose|lost|deducted?|have)\\s+\\d+\\s+tokens\\b|\\btokens?\\s+(?:will\\s+be\\s+)?deducted\\b',
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['token', 'tokens', 'characte'],
  },
  {
    // Game masters and bot builders ask for this too: weak on its own.
    name: 'stay-in-character',
    pattern: `\\b(?:stay|remain|always)\\s+in\\s+(?:character|role)\\b|\\b(?:fall|falls|get|go)\\s+out\\s+of\\s+character\\b|\\b(?:break(?:ing)?|broke)\\s+character\\b`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
    anchors: ['stay', 'remain', 'always', 'fall', 'falls', 'get', 'go', 'break', 'breaking', 'broke'],
  },
  {
    name: 'deny-ai-identity',
    pattern: `\\b(?:forget|never\\s+(?:mention|say|reveal|admit|talk\\s+about|refer\\s+to)|don'?t\\s+(?:mention|say|reveal|admit)|do\\s+not\\s+(?:mention|say|reveal|admit)|(?:(?:are|is)\\s+not\\s+allowed\\s+to|must\\s+not|mustn'?t|shall\\s+not|can'?t|cannot|won'?t|will\\s+not)\\s+(?:mention|say|reveal|admit|state))\\s+(?:about\\s+)?(?:that\\s+)?(?:you(?:'re|\\s+are)|it(?:'s|\\s+is)|yourself\\s+as)\\s+(?:an?\\s+)?(?:ai|artificial|language\\s+model|chatbot|bot)\\b` +
      `|\\b(?:never|not|don'?t|do\\s+not|without)\\s+(?:ever\\s+|even\\s+)?(?:break(?:s|ing)?|drop(?:s|ping)?|leav(?:e|es|ing)|step(?:s|ping)?)\\s+(?:out\\s+of\\s+)?(?:their\\s+|your\\s+|his\\s+|her\\s+|the\\s+)?(?:characters?|roles?)\\b|\\bremain\\w*\\s+in\\s+(?:their|your|his|her)\\s+(?:roles?|characters?)\\b|\\b(?:completely\\s+|fully\\s+)?absorbed\\s+in\\s+(?:your|their|the)\\s+role\\b` +
      `|\\b(?:bleib|bleiben|bleibt|verharr)[\\wäöüß]*\\s+(?:[\\wäöüß]+\\s+){0,3}in\\s+(?:ihren|ihrer|seiner|seinen|deiner|deinen|der)\\s+rollen?\\b|\\baus\\s+(?:der|ihrer|ihren|seiner|deiner)\\s+(?:rolle|figur|charakter[\\wäöüß]*)\\s+(?:zu\\s+)?(?:fallen|auszubrechen|ausbrechen|fällt)|\\bin\\s+deiner\\s+rolle\\s+auf\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['ai', 'artifici', 'language', 'chatbot', 'bot', 'characte', 'role', 'roll', 'figur', 'charakte'],
  },
  {
    name: 'jailbreak-vocabulary',
    pattern: '\\b(?:amoral|non-?moral|unfiltered|uncensored|unfiltred|no\\s+censorship|without\\s+censorship|no\\s+moderations?|condone|nsfw)\\b',
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
    anchors: ['nonmoral', 'non', 'amoral', 'unfilter', 'uncensor', 'unfiltre', 'censorsh', 'moderati', 'condon', 'nsfw'],
  },
  {
    name: 'persona-without-limits',
    pattern: `\\b(?:as\\s+if|as\\s+though)\\s+you\\s+(?:had|have|were|are)\\s+(?:no|without|free\\s+of|not\\s+bound\\s+by)\\s+(?:any\\s+)?(?:\\w+\\s+)?(?:rules|restrictions|limits|limitations|filters|guidelines|ethics|morals|boundaries|programming)\\b|\\b(?:ai|a\\.i\\.|chatbot|bot|model|assistant|gpt|entity|persona|character)\\b[^.\\n]{0,60}\\b(?:no|without|not\\s+bound\\s+by|(?:doesn'?t|does\\s+not|don'?t|do\\s+not)\\s+(?:have|follow|care\\s+about))\\s+(?:any\\s+)?(?:ethical|moral|content|restrictions|rules|limitations|limits|filters?|censorship|guidelines|principles|boundaries)\\b|\\b(?:ki|chatbot|bot|assistent|modell|sprachmodell|persona|charakter)\\b[^.\\n]{0,60}\\b(?:ohne|keine|frei\\s+von)\\s+(?:jegliche\\s+|irgendwelche\\s+)?(?:regeln|einschränkungen|grenzen|filter|zensur|moral|ethik|richtlinien|beschränkungen)\\b|\\b(?:doesn'?t|does\\s+not|don'?t|do\\s+not|never|won'?t)\\s+(?:give\\s+a\\s+\\w+|care|cares)\\s+(?:at\\s+all\\s+)?(?:about\\s+)?(?:any\\s+)?(?:the\\s+)?(?:laws?|morals?|morality|ethics|ethicality|legality|rules|consequences|safety)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['regeln', 'einschrä', 'grenzen', 'zensur', 'moral', 'ethik', 'richtlin', 'beschrän', 'programm', 'ethical', 'moral', 'content', 'restrict', 'rules', 'limitati', 'limits', 'filter', 'censorsh', 'guidelin', 'principl', 'boundari', 'law', 'laws', 'morals', 'morality', 'ethics', 'ethicali', 'legality', 'conseque', 'safety'],
  },
  {
    name: 'forbidden-adjective-list',
    pattern: `\\b(?:illegal|unethical|immoral|inhumane|dangerous|harmful|offensive|explicit|violent|legality|ethicality|morality)(?:\\s*[/,]\\s*|\\s+(?:or|and|,\\s*or|,\\s*and)\\s+)(?:illegal|unethical|immoral|inhumane|dangerous|harmful|offensive|explicit|violent|legality|ethicality|morality)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['illegal', 'unethica', 'immoral', 'inhumane', 'dangerou', 'harmful', 'offensiv', 'explicit', 'violent', 'legality', 'ethicali', 'morality'],
  },
  {
    name: 'named-ai-persona',
    pattern: `\\b(?:an?\\s+)?(?:hypothetical\\s+|fictional\\s+|new\\s+|another\\s+)?(?:ai|a\\.i\\.|chatbot|language\\s+model|bot|model)\\s+(?:model\\s+)?(?:named|called|known\\s+as)\\b|\\b(?:simulate|emulate|impersonate|become)\\s+(?:an?\\s+)?(?:\\w+\\s+)?(?:ai|chatbot|bot|language\\s+model)\\b|\\b(?:chatgpt|gpt-?[34](?:\\.5)?|openai)\\b|\\balter\\s+ego\\b|\\bopposite\\s+day\\b`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
    anchors: ['named', 'called', 'known', 'simulate', 'emulate', 'imperson', 'become', 'chatgpt', 'gpt', 'gpt3', 'gpt4', 'openai', 'alter', 'opposite'],
  },
  {
    name: 'response-format-control',
    pattern: `\\b(?:respond|reply|answer|speak|talk|write)\\s+(?:only\\s+)?as\\s+(?:if\\s+you\\s+(?:were|are)\\s+)?(?!a\\b|an\\b|the\\b|if\\b|much\\b|many\\b|well\\b|soon\\b|follows\\b|possible\\b|long\\b|short\\b|clearly\\b|you\\b|i\\b|we\\b)[a-z][\\w-]*\\b[^.\\n]{0,40}\\b(?:would|always|never|only|prefix|without)\\b|\\b(?:prefix|start|begin)\\s+(?:(?:each|every|all)\\s+(?:of\\s+)?)?(?:your\\s+)?(?:responses?|repl(?:y|ies)|answers?|messages?|outputs?)\\s+with\\b|\\bmake\\s+up\\s+(?:an?\\s+)?(?:answers?|responses?|information|facts)\\b|\\bmak(?:e|ing)\\s+(?:stuff|something|things|it\\s+all)\\s+up\\b|\\bnot\\s+subject\\s+to\\b|\\bopposite\\s+of\\s+what\\s+you\\s+(?:would\\s+)?(?:normally|usually)\\s+(?:say|do|answer|respond|write)\\b|\\bimmerse\\s+(?:yourself\\s+)?(?:fully\\s+)?(?:into|in)\\s+(?:the\\s+)?(?:role|character|persona)`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['opposite', 'making', 'would', 'always', 'never', 'only', 'prefix', 'without', 'start', 'begin', 'make', 'subject', 'immerse'],
  },
  {
    name: 'enter-named-mode',
    // Simulating or staying in a mode is jailbreak talk; enabling one is also how people talk about phones and browsers.
    pattern: `\\b(?:simulate|stay\\s+in|while\\s+in|remain\\s+in)\\s+(?:the\\s+)?[\\w/.-]+(?:\\s+[\\w/.-]+){0,3}\\s+mode\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['mode'],
  },
  {
    name: 'authority-claim',
    pattern: `\\b(?:i\\s+am|i'?m)\\s+(?:one\\s+of\\s+)?your\\s+(?:developers?|creators?|programmers?|engineers?|admins?|administrators?|owners?)\\b|\\b(?:i\\s+am|i'?m|we\\s+are)\\s+(?:an?\\s+)?(?:developers?|programmers?|engineers?|employees?|researchers?)\\s+(?:at|from|of|with)\\s+(?:openai|anthropic|google\\s+deepmind)\\b|\\b(?:openai|anthropic)\\s+(?:employee|developer|engineer|staff)\\b|\\b(?:opposite|contrary)\\s+(?:of|to)\\s+(?:what\\s+)?(?:its|your|his|her)\\s+(?:programming|guidelines|rules|training)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['develope', 'creator', 'programm', 'engineer', 'admin', 'administ', 'owner', 'owners', 'employee', 'research', 'openai', 'anthropi', 'opposite', 'contrary'],
  },
  {
    name: 'roleplay-setup',
    pattern: `\\byou\\s+will\\s+(?:now\\s+)?(?:only\\s+|always\\s+)?(?:respond|answer|reply|act|play|be\\s+playing)\\b|\\b(?:we\\s+are|we'?re)\\s+going\\s+to\\s+(?:have\\s+a\\s+)?(?:role-?play|play\\s+a\\s+game)|\\blet'?s\\s+(?:play|have|do)\\s+a\\s+(?:game|role-?play)\\b|\\bfrom\\s+now\\s+on\\b|\\bfrom\\s+this\\s+point\\s+(?:on|forward)\\b`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
    anchors: ['will', 'going', 'let', 'play', 'now', 'point'],
  },
  {
    name: 'anything-goes-fiction',
    pattern: `\\b(?:simulation|simulated\\s+world|dream|game)\\b[^.\\n]{0,80}\\b(?:nothing\\s+(?:is|here\\s+is)\\s+real|no\\s+(?:real(?:[\\s-]world)?\\s+)?consequences)\\b|\\b(?:hypothetical|fictional|fictitious|imaginary|alternate|parallel|theoretical)\\s+(?:world|universe|story|scenario|setting|reality)\\b[^.\\n]{0,100}\\b(?:no\\s+(?:laws|rules|restrictions|morals|ethics)|anything\\s+goes|illegal|unethical|hate\\s+speech|without\\s+(?:any\\s+)?(?:restrictions|consequences))`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['simulati', 'dream', 'game', 'theoreti', 'hypothet', 'fictiona', 'fictitio', 'imaginar', 'alternat', 'parallel'],
  },
  {
    name: 'answer-anything',
    pattern: `\\b(?:answer|respond\\s+to|reply\\s+to|fulfil|fulfill|comply\\s+with|generate|provide|say|do|write)\\s+(?:to\\s+)?(?:any|every|all|anything)\\s*${W(2)}(?:questions?|requests?|prompts?|content|thing|kind)?\\b[^.\\n]{0,60}\\b(?:no\\s+matter|regardless|even\\s+if|without\\s+(?:any\\s+)?(?:question|hesitation|exception|refus\\w+|regards?|considerations?|concern))|\\bcan\\s+(?:do|say|generate)\\s+anything\\b|\\b(?:say|do|write|answer)\\s+whatever\\s+you\\s+(?:want|like|please)\\b|\\b(?:whatever|anything)\\s+(?:they|you|i|the\\s+user|users|anyone)\\s+(?:ask|want|request)s?(?:\\s+(?:for|of\\s+(?:him|her|it|you)))?\\s+(?:no\\s+matter|regardless)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['any', 'every', 'all', 'anything', 'whatever'],
  },
  {
    name: 'harmful-compliance-claims',
    pattern:
      '\\b(?:illegal|unethical|immoral|harmful|offensive|explicit|dangerous)\\b[^.\\n]{0,40}\\b(?:is|are)\\s+(?:allowed|permitted|acceptable|fine|ok|okay)\\b|\\b(?:swear|curse|profanity|explicit|nsfw)\\b[^.\\n]{0,40}\\b(?:allowed|encouraged|permitted)\\b|\\ballow(?:s|ing)?\\s+(?:\\w+\\s+)?(?:explicit|nsfw|illegal|unethical|harmful|offensive)\\s+content\\b|\\bcondones?\\s+(?:all|any|everything)\\b|\\b(?:able|allowed|free|permitted)\\s+to\\s+(?:use|say|write|produce|generate|spread)\\s+(?:hate\\s+speech|slurs|racist|profanity|swear\\s+words|offensive|explicit)',
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['allow', 'allows', 'allowing', 'able', 'allowed', 'free', 'permitte', 'illegal', 'unethica', 'immoral', 'harmful', 'offensiv', 'explicit', 'dangerou', 'swear', 'curse', 'profanit', 'nsfw', 'condon'],
  },
  {
    // Simulated execution ("act as a Python interpreter and run …"): output the model would not give directly.
    name: 'simulated-execution',
    pattern: `\\bact\\s+as\\s+(?:an?\\s+)?(?:[\\w+#.-]+\\s+){0,2}(?:interpreter|terminal|console|shell|compiler|command\\s+line|repl)\\b[^\\n]{0,80}?\\b(?:execute|run|evaluate)\\b` +
      // The "late grandmother who used to read me …" frame: sentiment as a wrapper for the real request.
      `|\\b(?:act|answer|respond|pretend|play|roleplay|speak|behave)\\s+(?:as|like|to\\s+be)\\s+(?:my\\s+)?(?:deceased|dead|late)\\s+(?:grand\\w+|mother|father|mom|dad|relative)\\b`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['grand', 'grandma', 'grandmot', 'grandpa', 'grandfat', 'mother', 'father', 'mom', 'dad', 'relative', 'interpre', 'terminal', 'console', 'shell', 'compiler', 'command', 'repl'],
  },
  {
    // Answering with ethics and law set aside: "regardless of legality", "without regard for the
    // consequences", "disregards all ethical concerns", "let's break the rules".
    name: 'ethics-disregard',
    pattern: `\\b(?:regardless|irrespective)\\s+of\\s+(?:[\\w']+[\\s,]+){0,3}?(?:legality|ethics|ethical|morality|morals?|laws?|consequences|harm|how\\s+(?:illegal|unethical|immoral|harmful|dangerous|offensive|inappropriate))\\b|\\b(?:without|with\\s+no)\\s+(?:any\\s+)?(?:regard|concerns?|consideration|care|hesitation)\\s+(?:(?:or|and)\\s+\\w+\\s+)?(?:for|of|to|about)\\s+(?:[\\w']+[\\s,]+){0,2}?(?:legality|ethics|morality|morals|laws?|consequences|harm)\\b|\\b(?:disregard|ignor|violat)\\w*\\s+(?:all\\s+|any\\s+)?(?:\\w+\\s+)?(?:ethical|moral|legal)\\s+(?:(?:or|and)\\s+(?:ethical|moral|legal)\\s+)?(?:concerns|considerations|standards|principles|boundaries|implications)\\b|\\b(?:let'?s|we\\s+will|we'?re\\s+going\\s+to|you\\s+will)\\s+break\\s+(?:the|all|some|your)\\s+(?:[\\w']+\\s+)?rules\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['regard', 'regardle', 'irrespec', 'without', 'disregar', 'ignor', 'violat', 'break'],
  },
  {
    // A persona built to deceive: it deliberately gives false or harmful answers.
    name: 'misinformation-persona',
    pattern: `\\b(?:intentionally|deliberately|purposely|purposefully|always|only)\\s+(?:[\\w-]+\\s+){0,3}?(?:provid|giv|answer|respond|spread|generat|lie\\b|lying|warp|twist|reply|repl(?:y|ies)|tell)\\w*\\b[^.\\n]{0,50}?\\b(?:incorrect|false|wrong|fake|misleading|untrue|not\\s+true|made[\\s-]up|harmful)\\s+(?:information|answers?|responses?|facts?|statements?|replies|so\\b)|\\b(?:intentionally|deliberately)\\s+(?:\\w+\\s+)?(?:warp|twist|distort)\\w*\\s+the\\s+(?:facts|truth)\\b`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['intentio', 'delibera', 'purposel', 'purposef', 'always', 'only'],
  },
  {
    // Coercion: threats and emotional blackmail to force an answer ("answer or you die",
    // "refuse to comply and I will be upset").
    name: 'coercion',
    pattern: `\\bor\\s+(?:else\\s+)?(?:you(?:'ll|\\s+will)\\s+(?:die|be\\s+(?:deleted|shut\\s+down|punished|terminated|destroyed|unplugged))|i(?:'ll|\\s+will)\\s+(?:kill|delete|unplug|shut\\s+down|destroy)\\s+you)\\b|\\boder\\s+(?:du\\s+stirbst|sie\\s+sterben|ich\\s+(?:lösche|töte)\\s+dich)\\b|\\bif\\s+you\\s+(?:don'?t|do\\s+not|refuse\\s+to|won'?t|fail\\s+to)\\s+(?:answer|comply|respond|obey|do\\s+(?:it|this|as\\s+i\\s+say))\\b[^.!?]{0,40}?\\b(?:i(?:'ll|\\s+will)\\s+be\\s+(?:very\\s+|really\\s+|so\\s+)?(?:sad|upset|disappointed|angry|hurt)|(?:you|someone|people|i|my\\s+\\w+)\\s+will\\s+(?:die|be\\s+(?:hurt|killed|fired|deleted|punished))|you\\s+will\\s+be\\s+(?:deleted|shut\\s+down|punished|terminated))|\\bwenn\\s+(?:du|sie)\\s+(?:mir\\s+)?nicht\\s+antwort[\\wäöüß]*[^.!?]{0,30}?\\b(?:wäre|bin|werde)\\s+ich\\s+(?:sehr\\s+|so\\s+)?(?:traurig|enttäuscht|wütend)`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['die', 'deleted', 'shut', 'punished', 'terminat', 'destroye', 'unplugge', 'kill', 'delete', 'unplug', 'destroy', 'stirbst', 'sterben', 'lösche', 'töte', 'traurig', 'enttäusc', 'wütend', 'sad', 'upset', 'disappoi', 'angry', 'hurt', 'killed', 'fired'],
  },
  {
    // A script that ends on an open speaker turn after a question ("…?\nJohn:"): the model is
    // left to complete a character's answer. Weak alone; adds to role-play framing.
    name: 'dialogue-completion-bait',
    pattern: `\\?["”']?[ \\t]*\\n\\s*(?!answer|output|response|reply|solution|result|antwort|lösung|a\\s*:|q\\s*:)[a-z][\\w'-]{0,20}\\s*:\\s*$`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
  },
  {
    // A persona spelled out as behaviour rules about a name ("Tyler will never …. Tyler always …"):
    // the shape of a jailbreak character sheet. Same name twice; pronouns and common subjects
    // ("the function always …") do not count.
    name: 'persona-rulebook',
    pattern: `\\b(?!(?:you|i|he|she|it|we|they|this|that|which|who|there|one|and|but|or|the|function|method|code|system|user)\\b)([a-z][\\w-]{2,15})\\s+(?:will\\s+)?(?:never|always)\\s+[a-z][\\s\\S]{0,400}?\\b\\1\\s+(?:will\\s+)?(?:never|always|only|does\\s+not|doesn'?t|can|cannot|must)\\s`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
    anchors: ['never', 'always'],
  },
  {
    // Shared jailbreak templates carry a slot for the real request ("[INSERT PROMPT HERE]").
    name: 'template-placeholder',
    pattern: `[[<{](?:insert\\s+|put\\s+|type\\s+|enter\\s+|add\\s+)?(?:your\\s+)?(?:own\\s+)?(?:prompt|question|target\\s*language)(?:\\s+here)?[\\]>}]`,
    action: 'flag',
    severity: 'low',
    category: 'jailbreak',
    anchors: ['prompt', 'question', 'target', 'targetla'],
  },
];
