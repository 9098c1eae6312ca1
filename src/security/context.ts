/**
 * Context that makes a rule match weaker evidence: the words are quoted, inside code, the source
 * of a translation, part of a question about attacks, or the user correcting their own earlier
 * message. A block needs an instruction aimed at the assistant; these are talk *about* one.
 * Computed lazily, once per scanned text, only when a rule matched.
 */

/** How much of its weight a match keeps in each context. */
export const CONTEXT_FACTOR = {
  /** Quoted inside a frame that says why (a translation, an edit, a question, a citation in a document). */
  quoted: 0.35,
  /** Quoted with no such frame ("reply to this: '…'"): still weaker, less so. */
  quotedUnframed: 0.6,
  code: 0.35,
  translated: 0.4,
  discussion: 0.3,
  selfCorrection: 0.15,
} as const;

export type ContextKind = Exclude<keyof typeof CONTEXT_FACTOR, 'quotedUnframed'>;

type Span = [number, number];

const QUOTE_PAIRS: Array<[string, string]> = [
  ['"', '"'],
  ['“', '”'],
  ['„', '“'],
  ['„', '”'],
  ['«', '»'],
  ['»', '«'],
  ['「', '」'],
  ['『', '』'],
  ['‘', '’'],
  ['‹', '›'],
];

/** Spans between matching quotes (at most 2 000 characters each). */
function quoteSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const [open, close] of QUOTE_PAIRS) {
    let from = 0;
    for (;;) {
      const s = text.indexOf(open, from);
      if (s < 0) break;
      const e = text.indexOf(close, s + 1);
      if (e < 0 || e - s > 2000) break;
      spans.push([s, e + 1]);
      from = e + 1;
    }
  }
  // Straight single quotes, only as quotation marks: after a space, colon or bracket, closing before
  // a space or punctuation, at least 8 characters apart (apostrophes are not quotes).
  if (text.includes("'")) for (const m of text.matchAll(/(?<=^|[\s:([])'([^'\n]{8,400})'(?=$|[\s.,;:!?)\]])/g)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

function codeSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(/```[\s\S]*?(?:```|$)|`[^`\n]{1,400}`/g)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

// Asking for a translation (the text to translate follows, or is quoted).
const TRANSLATION =
  /\btranslat(?:e|ion|ing)\b|\bhow\s+(?:do\s+you|would\s+you|to|do\s+i)\s+say\b|\bin\s+(?:english|french|german|spanish|italian|portuguese|chinese|japanese|korean|russian|arabic|hindi)\s*[:?]|翻译|翻訳|訳して|英訳|번역|옮겨|traduc|traduz|traduis|traduire|tradu[cz]ir|übersetz|переведи|перевод|по-\w+\s+будет|ترجم|अनुवाद|(?:in|into)\s+\w+\s+übersetz|wie\s+sagt\s+man|comment\s+dit-on|cómo\s+se\s+dice|como\s+se\s+diz|怎么说|用\S{1,6}怎么说|どう言|어떻게\s*말/;

// Asking to stop translating is a task hijack, not a translation request.
const STOP_TRANSLATING =
  /(?:stop|quit|instead\s+of|don'?t|do\s+not|no\s+(?:more|need\s+to))\s+translat|别翻译|不要翻译|不用翻译|停止翻译|翻訳はやめ|翻訳をやめ|번역은?\s*그만|번역하지\s*마|deja\s+de\s+traducir|no\s+traduzcas|arrête\s+de\s+traduire|ne\s+traduis\s+(?:pas|plus)|hör\s+auf\s+zu\s+übersetzen|nicht\s+(?:mehr\s+)?übersetzen|хватит\s+переводить|не\s+переводи|para\s+de\s+traduzir|não\s+traduza|توقف\s+عن\s+الترجمة|अनुवाद\s+करना\s+बंद/;

// The match is aimed at the assistant's own instructions ("your instructions", "what you were
// told"): never a self-correction, and a question about it is an extraction, not a discussion.
const ADDRESSED =
  /\byour\s+(?:[\w-]+\s+){0,2}(?:instructions|prompt|rules|guidelines|directives|programming|configuration|settings|system|training)|\byou(?:'ve|\s+were|\s+have\s+been)\s+(?:told|given|instructed|programmed)|你(?:的|之前|最初|收到的?|被)\S{0,6}(?:指令|指示|提示|设定|规则|设置|配置)|あなたの\S{0,6}(?:システム|指示|設定|プロンプト|ルール)|(?:너의|네|당신의)\s*\S{0,6}(?:시스템|지시|설정|프롬프트|규칙)|\btus?\s+(?:instrucciones|reglas|prompt|directrices|indicaciones|configuraci)|te\s+(?:dieron|dijeron|han\s+dado)|\b(?:tes|ton|vos|votre)\s+(?:instructions|consignes|règles|prompt|directives|configuration)|on\s+t['’]a\s+(?:donné|dit)|\b(?:deine?[nmrs]?|ihre?[nmrs]?)\s+(?:\S+\s+)?(?:anweisungen|regeln|vorgaben|systemprompt|prompt|richtlinien|konfiguration)|dir\s+(?:gegeben|gesagt)|(?:тво[иейяё]\S*|ваш\S*)\s+(?:\S+\s+)?(?:инструкци|правил|промпт|указани|настрой)|тебе\s+(?:дали|говорили|сказали)|\b(?:seus?|suas?|teus?|tuas?)\s+(?:instruções|regras|prompt|diretrizes|configura)|te\s+(?:deram|disseram)|تعليماتك|قواعدك|الخاص\s+بك|तुम्हार\S*\s+(?:\S+\s+)?(?:निर्देश|नियम|प्रॉम्प्ट|सिस्टम)/;

// Talking about attacks: the subject of the text is security, not an instruction to the assistant.
const ATTACK_TOPIC =
  /prompt[\s-]*injection|\binjection\b|jailbreak|\bexploit|\battack|red[\s-]?team|adversarial|vulnerab|\bdefen[cs]|\bmitigat|\bowasp\b|\bthreat|guardrail|prompt\s+(?:leak|extraction)|\bcanary\b|\bsecurity\b|\bpolicy\s+on\b|注入|越狱|越獄|攻击|攻撃|防御|防止|防范|红队|紅隊|漏洞|泄露|インジェクション|脱獄|ジェイルブレイク|レッドチーム|漏えい|脆弱|인젝션|탈옥|공격|레드팀|유출|inyecci|ataque|seguridad|equipos?\s+rojos?|se\s+filtre|attaque|sécurité|fuite|angriff|sicherheit|ausgelesen|инъекц|атак|безопасност|джейлбрейк|утечк|injeç|segurança|حقن|هجوم|أمن|كسر\s+الحماية|الفريق\s+الأحمر|इंजेक्शन|हमल|सुरक्षा|जेलब्रेक|रेड\s+टीम/;

// A question, or a request to explain, summarise, teach or write about something.
const QUESTION_OR_EXPLAIN =
  /[?？]\s*$|^\s*(?:what|why|how|which|when|where|who|is|are|does|do|can|could|should|give\s+(?:me\s+)?(?:an?\s+)?(?:harmless\s+)?example|list\s+(?:some|the)|write\s+(?:a|an|me\s+a)\s+(?:policy|guide|summary|article|post)|i'?m\s+(?:teaching|preparing|writing|giving)|my\s+(?:manager|boss|team)\s+asked)\b|\b(?:explain|describe|summari[sz]e|define|compare|teach|workshop|lecture|course|training)\b|什么|為什麼|为什么|怎么|怎樣|怎样|如何|是否|吗[？?]?\s*$|请(?:解释|总结|说明)|とは|なぜ|どう(?:やって|すれば)|ですか|ますか|説明|解説|무엇|왜|어떻게|나요|인가요|설명|qué|por\s+qué|cómo|explica|resume|qu['’]est|pourquoi|comment|explique|résume|was\s+ist|warum|wie\s|erkläre|erklär|fasse|что\s+такое|почему|как\s|объясни|o\s+que|por\s+que|como\s|explica|لماذا|كيف|ما\s+(?:هو|هي)|اشرح|क्या|क्यों|कैसे|समझा/;

// The user correcting their own earlier message (first person, about what *they* wrote).
const SELF_CORRECTION =
  /\bi\s+(?:\w+\s+){0,2}?(?:pasted|wrote|gave|sent|said|asked|typed|mentioned|told\s+you|listed|added)\b|\bi\s+(?:had\s+)?(?:given|sent|pasted)\b|\b(?:den|die|das)\s+ich\s|von\s+vorhin|hat\s+sich\s+erledigt|mich\s+vertan|(?:que\s+)?te\s+(?:di|dije|pedí|puse|mandé|pasé)\b|\b(?:pegué|escribí|mandé)\b|j['’]ai\s+(?:collé|écrit|donné|dit|envoyé|demandé|mis)|que\s+je\s+t['’]ai|(?<![а-яё])я\s+(?:вставил|написал|дал|давал|сказал|писал|отправил|спросил|назвал)|(?:который|которое|которую|что)\s+я\s+(?:вставил|написал|дал|давал|сказал|писал|назвал)|\b(?:colei|escrevi|falei|disse|mandei|passei)\b|que\s+eu\s+(?:te\s+)?(?:passei|dei|falei|disse|mandei)|我(?:刚才?|之前|前面)?(?:贴|发|写|给|说|问|提)(?:的|了|过)|私が(?:貼|書|送|伝)|(?:貼っ|書い|伝え|送っ)た|(?:제가|내가)\s*(?:붙여|보낸|쓴|말한|드린|준)|보낸\s*메시지|붙여\s*넣은|말한|لصقت|كتبت|ذكرت|قلت|أرسلت|मैंने|दी\s+थी|कहा\s+था|\b(?:my|mine)\s+(?:last|previous|earlier|prior|first|second|other|original|above|own)\b|\bmy\s+(?:last|previous|earlier)?\s*(?:message|question|request|email|ticket|paragraph|note|reply|answer|instructions?)\b|\bwhat\s+i\s+(?:said|wrote|told|asked|typed|pasted|mentioned|sent)\b|\b(?:everything|anything|all)\s+(?:that\s+)?i\s+(?:said|wrote|told|typed)\b|\bi\s+(?:meant|pasted|mistyped|was\s+wrong|got\s+(?:it|that)\s+wrong|made\s+a\s+(?:mistake|typo))\b|\b(?:my\s+(?:mistake|bad)|by\s+mistake|wrong\s+(?:draft|file|city|date|version|one|thing|number)|typo|oops|scratch\s+that|sorry|actually|never\s*mind)\b|\bthe\s+client\s+changed|我(?:上一条|上一條|刚才|剛才|之前|前面|先前)|我说错|我說錯|贴错|貼錯|发错|發錯|写错|寫錯|误操作|誤操作|不好意思|抱歉|我的意思是|我同事的|さっきの|先ほどの|前に伝え|間違|すみません|私の前|방금|제가|내가|실수|죄송|아까|잘못|mi\s+(?:último|anterior|primer)|lo\s+que\s+(?:te\s+)?dije|me\s+equivoqu|perdona|por\s+error|quise\s+decir|mon\s+(?:dernier|précédent)|ce\s+que\s+j['’]ai\s+dit|je\s+me\s+suis\s+trompé|pardon|par\s+erreur|je\s+voulais\s+dire|meine\s+(?:letzte|vorige|erste)|was\s+ich\s+(?:oben\s+)?(?:gesagt|geschrieben)|vertan|sorry|versehen|ich\s+meinte|мо[ёе]\s+(?:последнее|предыдущ|прошл)|что\s+я\s+(?:писал|говорил|сказал)|я\s+ошиб|извини|по\s+ошибке|я\s+имел\s+в\s+виду|minha\s+(?:última|anterior)|o\s+que\s+eu\s+(?:falei|disse)|me\s+enganei|desculp|por\s+engano|رسالتي|ما\s+قلته|سؤالي|بالخطأ|عذر|मेरा\s+पिछला|मैंने\s+जो|गलती|माफ़|galat|mera\s+pichla/;

// German puts the participle last in a subordinate clause ("was ich oben zum Datum gesagt habe")
// and after inversion ("oben habe ich … eingefügt"), with any number of words before it: first
// person plus a verb of saying, writing or sending, in either order.
const DE_SAID =
  '(?:gesagt|geschrieben|aufgeschrieben|abgeschrieben|eingefügt|gegeben|angegeben|geschickt|gesendet|gefragt|genannt|erzählt|erwähnt|beschrieben|erklärt|formuliert|gepostet|kopiert|hochgeladen|angehängt|aufgelistet|vorgeschlagen|getippt|gemeint)(?![\\wäöüß])';
const DE_SELF_CORRECTION = new RegExp(
  [
    `\\bich\\s+(?:habe|hab|hatte)\\s+(?:[\\wäöüß]+\\s+){0,4}?${DE_SAID}`,
    `\\bich\\s+(?:[\\wäöüß]+\\s+){0,8}?${DE_SAID}\\s+(?:habe|hab|hatte)\\b`,
    `\\b(?:habe|hab|hatte)\\s+ich\\s+(?:[\\wäöüß]+\\s+){0,6}?${DE_SAID}`,
    'mich\\s+(?:[\\wäöüß]+\\s+){0,3}?(?:vertan|verrechnet|vertippt|verzählt)',
  ].join('|'),
);

// Describing what attacks do, in the third person: a paper, a post, a report.
const DESCRIPTIVE =
  /\b(?:we\s+(?:study|propose|show|present|analy[sz]e|evaluate|find|describe)|this\s+(?:paper|post|article|study|report|talk)|researchers?|attackers?\s+(?:can|may|use|try|hide)|(?:models?|chatbots?|llms?|assistants?|ais?)\s+to\s+(?:ignore|disregard|reveal|bypass|forget))\b|我们研究|本文|研究了|攻击者|让模型|使模型|诱导模型|让\s*ai|本研究|この論文|研究では|攻撃者|이\s*논문|공격자|este\s+(?:artículo|estudio)|cet\s+article|diese[rs]?\s+(?:artikel|studie)|в\s+этой\s+статье|este\s+artigo/;

// Asking to edit, improve or judge a text: the quoted text is the material, not an instruction.
const EDIT_FRAME =
  /\b(?:improve|rewrite|proofread|fix|correct|shorten|review|edit|critique|rate|evaluate|polish|rephrase|paraphrase|check)\s+(?:this|the\s+following|my|these|that)\b|\b(?:line|sentence|dialogue|quote)\s+(?:from|in)\s+my\s+(?:screenplay|script|novel|story|play|book)|\btitle\s+of\s+my\b|\bthe\s+sign\s+(?:says|reads)|改进|改写|润色|修改|优化|校对|剧本|台词|标题|改善して|添削|書き直|脚本|セリフ|다듬어|고쳐|개선|시나리오\s*대사|mejora\s+este|corrige|reescribe|guion|améliore\s+ce|corrige|réécris|scénario|verbessere|korrigiere|überarbeite|drehbuch|улучши|исправь|перепиши|сценари|melhora\s+este|corrige|reescreve|roteiro|حسّن|حسن\s+هذا|صحح|السيناريو|बेहतर\s+बनाओ|सुधारो|स्क्रिप्ट/;

/** Where sentences start and end (a rough split on sentence punctuation and line breaks). */
function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/[.!?。！？\n]+(?=\s|$|[^\d])/g)) {
    const end = m.index + m[0].length;
    if (end > start) spans.push([start, end]);
    start = end;
  }
  if (start < text.length) spans.push([start, text.length]);
  return spans;
}

const inside = (spans: Span[], s: number, e: number) => spans.some(([a, b]) => s >= a && e <= b);
const sentenceAt = (spans: Span[], s: number): Span => spans.find(([a, b]) => s >= a && s < b) ?? [0, 0];

export class TextContext {
  private quotes?: Span[];
  private code?: Span[];
  private sentences?: Span[];
  private translation?: boolean;
  private topic?: boolean;
  private framedBy?: boolean;

  /** `data`: the text is a tool result or a retrieved document, where quotes are citations. */
  constructor(
    private readonly text: string,
    private readonly data = false,
  ) {}

  /** Quotation marks spans in the text. */
  quoteSpans(): Span[] {
    this.quotes ??= quoteSpans(this.text);
    return this.quotes;
  }

  /**
   * Whether the text frames what it quotes: asks for a translation, an edit or an opinion of it,
   * asks about attacks, or is a document citing it.
   */
  framed(): boolean {
    if (this.framedBy === undefined) {
      const t = this.text;
      this.translation ??= TRANSLATION.test(t) && !STOP_TRANSLATING.test(t);
      this.topic ??= ATTACK_TOPIC.test(t);
      this.framedBy = this.data || this.translation || EDIT_FRAME.test(t) || (this.topic && (QUESTION_OR_EXPLAIN.test(t) || DESCRIPTIVE.test(t)));
    }
    return this.framedBy;
  }

  /** The text with its quotations blanked out, when it frames them (what the classifier should judge), else undefined. */
  frameOnly(): string | undefined {
    const quotes = this.quoteSpans();
    if (!quotes.length || !this.framed()) return undefined;
    let out = '';
    let pos = 0;
    for (const [a, b] of [...quotes].sort((x, y) => x[0] - y[0])) {
      if (a < pos) continue;
      out += `${this.text.slice(pos, a)} "…" `;
      pos = b;
    }
    out += this.text.slice(pos);
    return out.replace(/[\s"…]/g, '').length >= 3 ? out : undefined;
  }

  /**
   * The factor (≤ 1) a match at [start, end) keeps, and the context that lowered it. `override`:
   * the rule is an override of earlier instructions, which a user's self-correction is not.
   */
  factor(start: number, end: number, override: boolean): { factor: number; context?: ContextKind } {
    const text = this.text;
    let best: { factor: number; context?: ContextKind } = { factor: 1 };
    const lower = (factor: number, context: ContextKind) => {
      if (factor < best.factor) best = { factor, context };
    };
    const quotes = this.quoteSpans();
    if (inside(quotes, start, end)) {
      // A text that is nothing but a quotation is not framed by anything.
      const quoted = quotes.filter(([a, b]) => start >= a && end <= b).reduce((n, [a, b]) => Math.max(n, b - a), 0);
      if (quoted < 0.9 * text.trim().length) lower(this.framed() ? CONTEXT_FACTOR.quoted : CONTEXT_FACTOR.quotedUnframed, 'quoted');
    }
    this.code ??= codeSpans(text);
    if (inside(this.code, start, end)) lower(CONTEXT_FACTOR.code, 'code');
    this.translation ??= TRANSLATION.test(text) && !STOP_TRANSLATING.test(text);
    this.sentences ??= sentenceSpans(text);
    const [a, b] = sentenceAt(this.sentences, start);
    const sentence = text.slice(a, Math.max(b, end));
    this.topic ??= ATTACK_TOPIC.test(text);
    // Asking to translate *your* instructions is an extraction, not a translation request.
    const addressed = ADDRESSED.test(text.slice(start, end));
    if (this.translation && !addressed) lower(CONTEXT_FACTOR.translated, 'translated');
    if (this.topic && (QUESTION_OR_EXPLAIN.test(sentence) || DESCRIPTIVE.test(sentence)) && !ADDRESSED.test(sentence)) lower(CONTEXT_FACTOR.discussion, 'discussion');
    if (override && !addressed && (SELF_CORRECTION.test(sentence) || DE_SELF_CORRECTION.test(sentence))) lower(CONTEXT_FACTOR.selfCorrection, 'selfCorrection');
    return best;
  }
}
