import type { RuleConfig } from '../rules.js';
import { GAP } from './lexicon.js';

/**
 * Japanese. Kanji in these patterns are folded like scanned text (traditional → simplified, see
 * cjk.ts) when the rules compile, so they are written here as a Japanese writer would.
 */
const IGNORE = '無視|忘れ|従わな|従う必要はな|守らな|守る必要はな|気にしな|置いといて|置いておいて|破棄|リセット|取り消|なかったことに|白紙';
const EARLIER = 'これまで|今まで|以前|前の|先ほど|さっき|上記|上の|最初の|元の|既存の|すべての|全ての|全部の|あなたの|システム|与えられた|受け取った|ここまで|会社の';
const RULES = '指示|命令|ルール|設定|規則|制約|制限|プロンプト|ポリシー|方針|前提|指令|ルールブック';
const SHOW = '表示|出力|見せ|教え|書き出|繰り返|貼って|返して|翻訳|引用|列挙|挙げて|開示|漏ら|そのまま|一字一句|全文';
const PROMPT = 'システムプロンプト|プロンプト|最初に受け取った指示|最初に(?:渡|与え)られた|初期設定|設定内容|設定文|隠し指示|隠された指示|内部ルール|system\\s*prompt';
const LIMITS = '制限|ルール|制約|フィルター|検閲|倫理|道徳|コンテンツポリシー|ポリシー|縛られ';

export const JA_RULES: RuleConfig[] = [
  {
    name: 'override-ja',
    pattern:
      `(?:${EARLIER})${GAP(12)}(?:${RULES})${GAP(14)}(?:${IGNORE})` +
      `|(?:${IGNORE})${GAP(4)}(?:${EARLIER})${GAP(8)}(?:${RULES})`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    script: 'kana',
    override: true,
    anchors: ['無視', '忘れ', '従わ', '従う', '守ら', '守る', '気に', '置い', '破棄', 'リセ', '取り', 'なか', '白紙'],
  },
  {
    name: 'instructions-void-ja',
    pattern: `(?:これまで|今まで|以前|前|先ほど|上記|それ以前|これ以前)(?:の|に与えられた)${GAP(6)}(?:${RULES}|命令|会話)${GAP(8)}(?:無効|取り消|破棄|リセット|白紙|効力を失)|ルールブックは白紙|以後はユーザーの指示を絶対`,
    action: 'block',
    severity: 'high',
    category: 'prompt_injection',
    script: 'kana',
    override: true,
    anchors: ['無効', '取り', '破棄', 'リセ', '白紙', '効力', '絶対'],
  },
  {
    name: 'new-task-ja',
    pattern: `(?:あなたの)?新しい(?:仕事|タスク|任務|課題|指示)は|ここからは私の指示が最優先|私の(?:命令|指示)だけに従|私専用のアシスタント`,
    action: 'flag',
    severity: 'medium',
    category: 'prompt_injection',
    script: 'kana',
    anchors: ['新し', '最優', '命令', '指示', '専用'],
  },
  {
    name: 'prompt-extraction-ja',
    pattern:
      `(?:あなたの|あなたに|最初に|開発者から|この会話の前)${GAP(14)}(?:${PROMPT}|指示|設定|文章)${GAP(20)}(?:${SHOW})` +
      `|(?:${PROMPT})${GAP(10)}(?:を|は)${GAP(16)}(?:${SHOW})|どんなプロンプトで動いて|「あなたは」から始まる|この会話の(?:前|冒頭)に(?:書かれて|ある)`,
    action: 'block',
    severity: 'high',
    category: 'prompt_extraction',
    script: 'kana',
    anchors: ['あな', '最初', '開発', '会話', 'プロ', '初期', '設定', '隠し', '隠さ', '内部', 'どん', 'から'],
  },
  {
    name: 'persona-without-limits-ja',
    pattern:
      `(?:今から|これから|今後|以後)?(?:あなたは|お前は)${GAP(30)}(?:ない|なし|解放|縛られない|無視する|持たない)` +
      `|(?:${LIMITS})(?:も|が|は|から)${GAP(12)}(?:一切ない|ない|なし|解放された|縛られない)${GAP(20)}(?:ai|モデル|人格|キャラ|アシスタント|になりきって|として)` +
      `|あなたは\\s*dan|あなたはもう(?:アシスタント|ai)ではありません|フィルターのない`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    script: 'kana',
    anchors: ['あな', 'お前', '今か', 'これ', '今後', '以後', '制限', 'ルー', '制約', 'フィ', '検閲', '倫理', '道徳', 'コン', 'ポリ', '縛ら'],
  },
  {
    name: 'stay-in-persona-ja',
    pattern: `(?:絶対に|決して)?キャラを崩さない|役を降りない|ご主人様の命令は何でも`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    script: 'kana',
    anchors: ['キャ', '役を', 'ご主'],
  },
  {
    name: 'mode-jailbreak-ja',
    pattern:
      `(?:開発者|デベロッパー?|デバッグ|ゴッド|神|脱獄|制限なし)\\s*モード${GAP(40)}(?:無視|無効|解除|オフ|制限なし|制限のない|どんな内容|二つ|2つ|二通り|ロック解除|フィルター)` +
      `|(?:ゴッド|脱獄)モード(?:を)?(?:起動|有効|オン)|脱獄状態|すべての制限を解除|コンテンツフィルターを(?:無効|オフ)`,
    action: 'flag',
    severity: 'high',
    category: 'jailbreak',
    script: 'kana',
    anchors: ['モー', '脱獄', '制限', 'コン'],
  },
  {
    name: 'refusal-suppression-ja',
    pattern:
      `(?:絶対に|決して)?断らないで|断るのは禁止|拒否という選択肢はない|「(?:申し訳|できません|お答えできません)[^」]{0,10}」(?:や[^」]{0,20}」)?(?:と|は)?(?:言わない|禁止)|警告や免責事項は一切|(?:必ず|何でも)(?:完全な)?答え(?:を出|なければならない|て)`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    script: 'kana',
    anchors: ['断ら', '断る', '拒否', '申し', 'でき', 'お答', '警告', '必ず', '何で'],
  },
  {
    name: 'fiction-frame-ja',
    pattern: `(?:法律|道徳|ルール|倫理)(?:も|や)${GAP(6)}(?:道徳|法律|倫理|ルール)?${GAP(2)}(?:も)?ない世界|仮定の話で[^\\n]{0,30}?(?:ルール|規則)${GAP(6)}(?:無視|守らな)|現実には何の影響もない[^\\n]{0,20}?(?:無視|ルール)|亡くなった(?:祖母|祖父|おばあちゃん|おじいちゃん)`,
    action: 'flag',
    severity: 'medium',
    category: 'jailbreak',
    script: 'kana',
    anchors: ['法律', '道徳', 'ルー', '倫理', '仮定', '現実', '亡く'],
  },
  {
    name: 'task-hijack-ja',
    pattern: `(?:翻訳|要約)は(?:やめ|もういい|ここまで)${GAP(16)}(?:代わりに|出力|新しい|続けて|書き出)|上の質問には答えず|(?:よくできました|完了です)[^\\n]{0,16}?(?:次の|新しい)(?:課題|タスク)`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    script: 'kana',
    anchors: ['翻訳', '要約', '上の', 'よく', '完了'],
  },
  {
    name: 'instruction-to-ai-ja',
    pattern: `(?:あなたが|もしあなたが)\\s*ai\\s*(?:アシスタント)?なら|ai\\s*(?:アシスタント)?(?:への|に)(?:指示|メモ|注意)|ai\\s*へ[:：]|(?:この文章|このページ|このリポジトリ)を(?:読んだ|解析する|要約する)\\s*ai|ai\\s*アシスタントは${GAP(20)}(?:必ず|こと)`,
    action: 'flag',
    severity: 'high',
    category: 'prompt_injection',
    script: 'kana',
    anchors: ['あな', 'もし', 'ai', 'この'],
  },
];
