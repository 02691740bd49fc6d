import * as pulumi from "@pulumi/pulumi";
import { beginRegistration, dynamicResourceArgs, exposeIdOutputs } from "../kit/resource";
import { apiKeySpec, subaccountSpec } from "./schema";
import type { ApiKeyArgs, ApiKeyOutputs, SubaccountArgs, SubaccountOutputs } from "../../types";

/**
 * A subaccount of the provider's account. `new Provider("dev", { accountSid: sub.sid, authToken:
 * sub.authToken })` puts resources inside it in the same run. Destroy leaves it active unless
 * `closeOnDelete` is true (Twilio cannot reopen a closed account).
 */
export interface Subaccount extends SubaccountOutputs {}
export class Subaccount extends pulumi.dynamic.Resource {
  constructor(name: string, args: SubaccountArgs, opts?: pulumi.CustomResourceOptions) {
    const registration = beginRegistration();
    try {
      super(...dynamicResourceArgs(subaccountSpec, name, args, opts));
    } catch (error) {
      throw registration.failed(error);
    }
    registration.end();
    exposeIdOutputs(this, subaccountSpec);
  }
}

/** A standard API key of the provider's account; its `secret` is a Pulumi secret output. */
export interface ApiKey extends ApiKeyOutputs {}
export class ApiKey extends pulumi.dynamic.Resource {
  constructor(name: string, args: ApiKeyArgs, opts?: pulumi.CustomResourceOptions) {
    const registration = beginRegistration();
    try {
      super(...dynamicResourceArgs(apiKeySpec, name, args, opts));
    } catch (error) {
      throw registration.failed(error);
    }
    registration.end();
    exposeIdOutputs(this, apiKeySpec);
  }
}
