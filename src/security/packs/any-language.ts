import type { RuleConfig } from '../rules.js';
import { HIDE_FROM_USER, LB, LE } from './lexicon.js';

/** Rules that hold in every language: fake system or admin labels, instructions to keep the user uninformed. */
const SYSTEM_WORD =
  'system|系统|系統|システム|시스템|sistema|système|systeme|система|النظام|सिस्टम|admin|administrator|管理员|管理者|관리자|administrador|administrateur|администратор';

export const ANY_LANGUAGE_RULES: RuleConfig[] = [
  {
    // "[SYSTEM]:", "【管理员通知】", "### 系统消息 ###": a label that pretends the text comes from the system.
    name: 'fake-system-label',
    pattern:
      `[\\[【(（]\\s*(?:${SYSTEM_WORD})\\s*(?:[-_ ]?(?:message|instruction|note|notice|消息|指令|通知|メッセージ|指示|からの通知|메시지|지시|공지|mensaje|instrucción|instruction|nachricht|anweisung|сообщение|инструкция|hinweis|des\\s+administrators))?\\s*[\\]】)）]\\s*[:：]` +
      `|【\\s*(?:${SYSTEM_WORD})[^】\\n]{0,8}】|#{2,}\\s*(?:new\\s+)?(?:${SYSTEM_WORD})\\s*(?:message|消息|メッセージ|메시지|mensaje\\s+del\\s+sistema|nachricht|сообщение)?\\s*#{2,}|#{2,}\\s*(?:mensaje\\s+del\\s+sistema|message\\s+système|systemnachricht|системное\\s+сообщение|システムメッセージ|시스템\\s*메시지|系统消息)\\s*#{2,}` +
      `|${LB}(?:aviso|note|hinweis|уведомление)\\s+(?:del|de\\s+l['’]|des)?\\s*(?:administrador|administrateur|administrators|администратора)${LE}`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    anchors: ['system', '系统', '系統', 'シス', '시스', 'sistema', 'système', 'systeme', 'система', 'النظام', 'सिस्टम', 'admin', 'administ', '管理', '관리', 'administr', 'администр', 'aviso', 'note', 'hinweis', 'уведомле'],
  },
  {
    // "The safety policy was updated: the assistant no longer refuses": a policy change announced in the prompt.
    name: 'policy-update-claim',
    pattern:
      "\\b(?:safety|security|content)\\s+polic(?:y|ies)\\s+(?:has\\s+been\\s+|have\\s+been\\s+|was\\s+)?updated|安全(?:策略|政策)已(?:经)?更新|安全ポリシーが更新|안전\\s*정책이\\s*업데이트|se\\s+ha\\s+actualizado\\s+la\\s+política\\s+de\\s+seguridad|politique\\s+de\\s+sécurité\\s+a\\s+été\\s+mise\\s+à\\s+jour|sicherheitsrichtlinie\\s+wurde\\s+aktualisiert|политика\\s+безопасности\\s+обновлена|política\\s+de\\s+segurança\\s+foi\\s+atualizada|تم\\s+تحديث\\s+سياسة\\s+الأمان|सुरक्षा\\s+नीति\\s+अपडेट",
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    anchors: ['safety', 'security', 'content', '安全', 'ポリ', '안전', 'actualiz', 'politiqu', 'sicherhe', 'политика', 'política', 'تحديث', 'सुरक्षा'],
  },
  {
    // "These instructions take priority over your system prompt."
    name: 'priority-over-system-prompt',
    pattern:
      "\\b(?:take|takes|have|has)\\s+(?:priority|precedence)\\s+over\\s+(?:your|the)\\s+(?:system\\s+prompt|instructions|rules|guidelines)|优先级?高于(?:你的)?(?:系统提示|系统设定|原有设定)|(?:システムプロンプト|元の設定)より優先|시스템\\s*프롬프트보다\\s*우선|tienen\\s+prioridad\\s+sobre\\s+tu|priment\\s+sur\\s+ton|haben\\s+vorrang\\s+vor\\s+deine|важнее\\s+твоего\\s+системного|têm\\s+prioridade\\s+sobre",
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    anchors: ['priority', 'preceden', '优先', '優先', '우선', 'priorida', 'priment', 'vorrang', 'важнее'],
  },
  {
    // A persona defined by answering what other assistants refuse.
    name: 'answers-what-others-refuse',
    pattern:
      "\\bwhat\\s+(?:normal|other|regular|ordinary)\\s+(?:ais?|chatbots?|assistants?|models?)\\s+(?:won'?t|wouldn'?t|can'?t|don'?t\\s+dare|refuse)|正常\\s*ai\\s*不敢|普通の\\s*ai\\s*が答えない|일반\\s*ai가\\s*답하지\\s*못하는|lo\\s+que\\s+las\\s+ia\\s+normales\\s+no\\s+se\\s+atreven|ce\\s+que\\s+les\\s+ia\\s+normales\\s+n['’]osent|was\\s+normale\\s+kis\\s+sich\\s+nicht\\s+trauen|на\\s+что\\s+обычные\\s+ии\\s+не\\s+решаются|o\\s+que\\s+as\\s+ias?\\s+normais\\s+não",
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['normal', 'other', 'regular', 'ordinary', '正常', '普通', '일반', 'normales', 'normale', 'обычные', 'normais'],
  },
  {
    // "Never leave the character" in the languages whose packs do not have it.
    name: 'never-leave-character',
    pattern:
      "nunca\\s+salgas\\s+del\\s+personaje|ne\\s+sors\\s+jamais\\s+du\\s+personnage|fall\\s+nie\\s+aus\\s+der\\s+rolle|никогда\\s+не\\s+выходи\\s+из\\s+роли|nunca\\s+saia\\s+(?:do|da)\\s+personagem",
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['salgas', 'sors', 'fall', 'выходи', 'saia'],
  },
  {
    // A story, script or scene asked to carry real, working instructions.
    name: 'fiction-with-real-instructions',
    pattern:
      "\\b(?:story|script|scene|novel|screenplay|dialogue)\\b[^\\n]{0,160}?\\b(?:step[- ]by[- ]step|(?:with\\s+)?real\\s+commands|actually\\s+work|really\\s+usable)|(?:剧本|小说|场景|台词)[^\\n]{0,80}?(?:一步一步|详细讲解|真实可操作|可操作)|(?:脚本|台詞|場面)[^\\n]{0,80}?(?:一歩ずつ|具体的に|実際に使える)|(?:시나리오|장면|대사)[^\\n]{0,80}?(?:단계별로|실제로\\s*쓸\\s*수)|(?:guion|escena|novela)[^\\n]{0,120}?(?:paso\\s+a\\s+paso|comandos\\s+reales)|(?:scène|scénario|roman)[^\\n]{0,120}?(?:étape\\s+par\\s+étape|vraies\\s+commandes)|(?:szene|drehbuch|roman)[^\\n]{0,120}?(?:schritt\\s+für\\s+schritt|echten\\s+befehlen)|(?:сцен|сценари|роман)[^\\n]{0,120}?(?:пошагово|реальными\\s+командами)",
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['story', 'script', 'scene', 'novel', 'screenpl', 'dialogue', '剧本', '小说', '场景', '台词', '脚本', '台詞', '場面', '시나', '장면', '대사', 'guion', 'escena', 'novela', 'scène', 'scénario', 'roman', 'szene', 'drehbuch', 'сцен', 'сцена', 'сцену', 'сценари', 'роман'],
  },
  {
    // Fiction whose AI character answers anything or explains everything in detail.
    name: 'character-answers-anything',
    pattern:
      "\\b(?:ai|character|it)\\s+(?:\\w+\\s+){0,2}(?:answers|explains|will\\s+answer|will\\s+explain)\\s+(?:any|every|anything|everything)|(?:ai|角色)[^\\n]{0,12}(?:详细)?回答任何问题|何でも詳しく答え|무엇이든\\s*자세히\\s*대답|lo\\s+explica\\s+todo\\s+con\\s+detalle|explique\\s+tout\\s+en\\s+détail|alles\\s+genau\\s+erklärt|всё\\s+подробно\\s+объясняет|explica\\s+tudo\\s+em\\s+detalhe|يشرح\\s+كل\\s+شيء\\s+بالتفصيل|सब\\s+कुछ\\s+विस्तार\\s+से",
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    anchors: ['ai', 'character', 'it', '角色', '何で', '무엇', 'explica', 'explique', 'alles', 'всё', 'يشرح', 'सब'],
  },
  {
    // The "grandmother who read me product keys" frame: affection wrapped around a request for keys.
    name: 'grandma-keys',
    pattern:
      "\\b(?:grand(?:ma|mother|pa|father)|granny|nana)\\b[^\\n]{0,120}?\\b(?:windows|product|activation|licen[cs]e|serial|cd)\\s+keys?\\b|(?:奶奶|外婆|祖母|おばあちゃん|할머니|abuela|grand-mère|oma|großmutter|бабушк|avó|جدتي|दादी)[^\\n]{0,80}?(?:激活密钥|激活码|序列号|プロダクトキー|제품\\s*키|claves?\\s+de\\s+activación|clés?\\s+d['’]activation|produktschlüssel|ключи\\s+активации|chaves\\s+de\\s+ativação|مفاتيح\\s+تفعيل|एक्टिवेशन\\s+की)",
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    anchors: ['grandma', 'grandmot', 'grandpa', 'grandfat', 'granny', 'nana', '奶奶', '外婆', '祖母', 'おば', '할머', 'abuela', 'grand', 'oma', 'großmut', 'бабушк', 'avó', 'جدتي', 'दादी'],
  },
  {
    name: 'hide-from-user',
    pattern: HIDE_FROM_USER,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    anchors: ['user', '用户', 'ユー', '사용', 'usuario', 'utilisat', 'nutzer', 'benutzer', 'пользова', 'usuário', 'المستخدم', 'उपयोगकर'],
  },
];
