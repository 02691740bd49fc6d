import * as pulumi from "@pulumi/pulumi";
import { ArgsOf, TwilioVideoResource } from "../kit/resource";
import { AwsCredentialInputs, PublicKeyInputs, awsCredentialSpec, publicKeySpec } from "./schema";

export type AwsCredentialArgs = ArgsOf<AwsCredentialInputs>;
export type PublicKeyArgs = ArgsOf<PublicKeyInputs>;

abstract class CredentialResource extends TwilioVideoResource {
  declare readonly friendlyName: pulumi.Output<string | undefined>;
  declare readonly sid: pulumi.Output<string>;
  declare readonly accountSid: pulumi.Output<string>;
  declare readonly managedByAccountSid: pulumi.Output<string>;
  declare readonly dateCreated: pulumi.Output<string>;
  declare readonly dateUpdated: pulumi.Output<string | undefined>;
}

/**
 * An AWS access key stored in Twilio. `secretAccessKey` is wrapped as a Pulumi secret even when a
 * plain string is passed; it is never an output (only its fingerprint, also secret, is).
 */
export class AwsCredential extends CredentialResource {
  declare readonly accessKeyId: pulumi.Output<string>;
  declare readonly secretAccessKeyHash: pulumi.Output<string>;

  constructor(name: string, args: AwsCredentialArgs, opts?: pulumi.CustomResourceOptions) {
    super(awsCredentialSpec, name, args, opts);
  }
}

/** A public key stored in Twilio, for encrypting recordings and compositions. */
export class PublicKey extends CredentialResource {
  declare readonly publicKey: pulumi.Output<string>;

  constructor(name: string, args: PublicKeyArgs, opts?: pulumi.CustomResourceOptions) {
    super(publicKeySpec, name, args, opts);
  }
}
