/** An analysis request the data cannot satisfy (unknown baseline, no factor to compare); one sentence. */
export class AnalysisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnalysisError";
    this.stack = `${this.name}: ${message}`; // shown to readers (notebooks): the sentence, no frames
  }
}
