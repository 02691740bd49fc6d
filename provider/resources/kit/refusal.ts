import * as pulumi from "@pulumi/pulumi";

/**
 * A program-side refusal, thrown from an apply so the run fails. `pulumi.log.error` alone does not
 * fail a `pulumi preview` by the CLI (it exits 0); an error thrown in an apply does (an unhandled
 * rejection), and a RunError whose stack is its message keeps the CLI's output to the message.
 */
export class ProgramRefusal extends pulumi.RunError {
  constructor(message: string) {
    super(message);
    this.name = "ProgramRefusal";
    this.stack = message; // the CLI prints the stack of a late unhandled rejection: keep it to the message
  }
}

/** Logs the full refusal on the resource (the CLI shows it there) and fails the run with `summary`. */
export function refuse(resource: pulumi.Resource, message: string, summary: string = message): never {
  pulumi.log.error(message, resource);
  throw new ProgramRefusal(summary);
}
