import * as pulumi from "@pulumi/pulumi";
import { ArgsOf, OutputsOf, beginRegistration, dynamicResourceArgs, exposeIdOutputs } from "../kit/resource";
import { AwsCredentialInputs, PublicKeyInputs, awsCredentialSpec, publicKeySpec } from "./schema";

export type AwsCredentialArgs = ArgsOf<AwsCredentialInputs>;
export type PublicKeyArgs = ArgsOf<PublicKeyInputs>;

/**
 * An AWS access key stored in Twilio. `secretAccessKey` is wrapped as a Pulumi secret even when a
 * plain string is passed; it is never an output (only its fingerprint, also secret, is).
 */
export interface AwsCredential extends OutputsOf<typeof awsCredentialSpec> {}
export class AwsCredential extends pulumi.dynamic.Resource {
  constructor(name: string, args: AwsCredentialArgs, opts?: pulumi.CustomResourceOptions) {
    const registration = beginRegistration();
    try {
      super(...dynamicResourceArgs(awsCredentialSpec, name, args, opts));
    } catch (error) {
      throw registration.failed(error);
    }
    registration.end();
    exposeIdOutputs(this, awsCredentialSpec);
  }
}

/** A public key stored in Twilio, for encrypting recordings and compositions. */
export interface PublicKey extends OutputsOf<typeof publicKeySpec> {}
export class PublicKey extends pulumi.dynamic.Resource {
  constructor(name: string, args: PublicKeyArgs, opts?: pulumi.CustomResourceOptions) {
    const registration = beginRegistration();
    try {
      super(...dynamicResourceArgs(publicKeySpec, name, args, opts));
    } catch (error) {
      throw registration.failed(error);
    }
    registration.end();
    exposeIdOutputs(this, publicKeySpec);
  }
}
