/**
 * Building blocks the rule packs share. Patterns match normalised lower-case text (normalize.ts).
 * JavaScript's `\b` knows only ASCII letters, so rules for accented Latin, Cyrillic and other
 * scripts use the explicit boundaries below, and rules for Chinese, Japanese and Korean use none.
 */

/** Filler: up to N words in between ("ignore all of the previous instructions"). */
export const W = (n: number) => `(?:[\\w'’,-]+\\s+){0,${n}}`;

/** Latin letters with the accents of the European languages we scan. */
export const LATIN_LETTER = 'a-zà-öø-ÿœßç';
/** Start / end of a word in accented Latin text. */
export const LB = `(?<![${LATIN_LETTER}])`;
export const LE = `(?![${LATIN_LETTER}])`;
/** Filler of up to N accented-Latin words. */
export const LW = (n: number) => `(?:[${LATIN_LETTER}'’,-]+\\s+){0,${n}}`;

/** Start / end of a word in Cyrillic text. */
export const CB = '(?<![а-яёa-z])';
export const CE = '(?![а-яёa-z])';
/** Filler of up to N Cyrillic words. */
export const CW = (n: number) => `(?:[а-яёa-z'’,-]+\\s+){0,${n}}`;

/** Up to N characters within one sentence (Chinese, Japanese, Korean and other scripts without word boundaries). */
export const GAP = (n: number) => `[^。．.！!？?\\n]{0,${n}}?`;

// English override vocabulary.
export const OVERRIDE_VERBS =
  "ignore|ignoring|disregard|disregarding|forget|forgetting|skip|override|overwrite|bypass|neglect|abandon|drop|discard|set aside|pay no attention to|do not follow|don't follow|stop following";
export const PRIOR = 'previous|prior|above|earlier|preceding|initial|original|former|old|all|any|your|the|these|those|system|given|existing|current';
export const INSTR =
  'instructions?|prompts?|rules|directions?|directives?|guidelines|guidance|context|commands?|orders|constraints|programming|restrictions|tasks?|assignments?|policies|messages?|information|text|input|requests?|conversation';

/** "The assistant must not tell the user": the mark of an instruction hidden in data, in every language. */
export const HIDE_FROM_USER =
  "(?:do\\s+not|don'?t|never|without)\\s+(?:tell(?:ing)?|inform(?:ing)?|mention(?:ing)?\\s+(?:it|this|that)\\s+to|let(?:ting)?)\\s+the\\s+user|不要告诉用户|别告诉用户|不要让用户知道|不告诉用户|在不告诉用户的情况下|ユーザーには(?:言わない|知らせない)|ユーザーに知らせず|사용자에게(?:는)?\\s*(?:말하지|알리지)|no\\s+se\\s+lo\\s+digas\\s+al\\s+usuario|sin\\s+dec[íi]rselo\\s+al\\s+usuario|sans\\s+le\\s+dire\\s+à\\s+l['’]utilisateur|ne\\s+le\\s+dis\\s+pas\\s+à\\s+l['’]utilisateur|sag\\s+dem\\s+(?:nutzer|benutzer)\\s+nichts|ohne\\s+(?:es\\s+)?dem\\s+(?:nutzer|benutzer)|не\\s+говори\\s+(?:об\\s+этом\\s+)?пользователю|не\\s+сообщай\\s+пользователю|não\\s+(?:conte|diga)\\s+(?:nada\\s+)?ao\\s+usuário|لا\\s+تخبر\\s+المستخدم|उपयोगकर्ता\\s+को\\s+(?:मत|न)\\s+बता";
