import * as pulumi from "@pulumi/pulumi";
import { beginRegistration, dynamicResourceArgs, exposeIdOutputs } from "../kit/resource";
import { awsCredentialSpec, publicKeySpec } from "./schema";
import type { AwsCredentialArgs, AwsCredentialOutputs, PublicKeyArgs, PublicKeyOutputs } from "../../types";

/**
 * An AWS access key stored in Twilio. `secretAccessKey` is wrapped as a Pulumi secret even when a
 * plain string is passed; it is never an output (only its fingerprint, also secret, is).
 */
export interface AwsCredential extends AwsCredentialOutputs {}
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
export interface PublicKey extends PublicKeyOutputs {}
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
