import { ProviderError } from "../../resources/kit/errors";

/**
 * A RecordingBucket input that breaks a rule. Thrown while the program runs (so `pulumi preview`
 * fails before anything is created); the message names the component, the field, the offending
 * value and the rule, e.g. `RecordingBucket "media": recordingsPrefix "a//b" must not contain "//"`.
 */
export class RecordingBucketArgsError extends ProviderError {
  constructor(
    readonly component: string,
    readonly field: string,
    readonly rule: string,
    value?: string | number,
  ) {
    super(`RecordingBucket "${component}": ${field}${value === undefined ? "" : ` ${JSON.stringify(value)}`} ${rule}`);
    this.name = "RecordingBucketArgsError";
  }
}
