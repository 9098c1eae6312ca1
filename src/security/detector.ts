/**
 * The plug-in point for machine-learned detectors (prompt injection, toxicity). A detector scores
 * one text; the firewall and the content filter combine its score with their rules.
 */
export interface DetectorResult {
  /** Probability-like score in [0, 1] that the text is what the detector looks for. */
  score: number;
  /** The winning label, as the model names it (e.g. `INJECTION`, `JAILBREAK`). */
  label?: string;
  /** Per-label scores, when the model has several. */
  labels?: Record<string, number>;
}

export interface Detector {
  readonly name: string;
  detect(text: string): Promise<DetectorResult> | DetectorResult;
}
