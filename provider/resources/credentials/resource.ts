import * as pulumi from "@pulumi/pulumi";
import { ArgsOf, dynamicResourceArgs, exposeIdOutputs } from "../kit/resource";
import { AwsCredentialInputs, PublicKeyInputs, awsCredentialSpec, publicKeySpec } from "./schema";

export type AwsCredentialArgs = ArgsOf<AwsCredentialInputs>;
export type PublicKeyArgs = ArgsOf<PublicKeyInputs>;

/** The outputs both credential kinds share (merged into each class, which has no base of ours). */
interface CredentialOutputs {
  readonly friendlyName: pulumi.Output<string | undefined>;
  readonly sid: pulumi.Output<string>;
  readonly accountSid: pulumi.Output<string>;
  readonly managedByAccountSid: pulumi.Output<string>;
}

/**
 * An AWS access key stored in Twilio. `secretAccessKey` is wrapped as a Pulumi secret even when a
 * plain string is passed; it is never an output (only its fingerprint, also secret, is).
 */
export interface AwsCredential extends CredentialOutputs {}
export class AwsCredential extends pulumi.dynamic.Resource {
  declare readonly accessKeyId: pulumi.Output<string>;
  declare readonly secretAccessKeyHash: pulumi.Output<string>;

  constructor(name: string, args: AwsCredentialArgs, opts?: pulumi.CustomResourceOptions) {
    super(...dynamicResourceArgs(awsCredentialSpec, name, args, opts));
    exposeIdOutputs(this, awsCredentialSpec);
  }
}

/** A public key stored in Twilio, for encrypting recordings and compositions. */
export interface PublicKey extends CredentialOutputs {}
export class PublicKey extends pulumi.dynamic.Resource {
  declare readonly publicKey: pulumi.Output<string>;

  constructor(name: string, args: PublicKeyArgs, opts?: pulumi.CustomResourceOptions) {
    super(...dynamicResourceArgs(publicKeySpec, name, args, opts));
    exposeIdOutputs(this, publicKeySpec);
  }
}
