/**
 * What the guardrails actually examined in one call. Entries are content kinds present in the call
 * (`system`, `user_text`, `assistant_text`, `tool_results`, `documents`, `tool_arguments`,
 * `reasoning`, `images`, `files`, `tool_definitions`, `extensions`, `output`); a kind no enabled
 * check looked at is `not_scanned`, never reported as fine.
 */
export interface ScanReport {
  /** Present and examined by at least one check that ran to completion. */
  scanned: string[];
  /** Present, but no check examined it (binary media, tool definitions, …). */
  not_scanned: string[];
  /** Checks that failed (`detector:<name> (timeout)`); the call went on only with `security.fail_open`. */
  failed: string[];
}
