// What the tests read of a stack's exported state: `pulumi stack export`, or the Automation API's
// exportStack(), whose Deployment leaves the deployment untyped. Part of Pulumi's apitype.DeploymentV3.
import type { Deployment } from "@pulumi/pulumi/automation";

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  retainOnDelete?: boolean;
  /** Where the program declared the resource, outermost call last (`project:///index.ts#7,3`). */
  sourcePosition?: string;
  stackTrace?: { sourcePosition?: string }[];
}

/** An operation the engine began and did not see finish (a killed `up`). */
export interface PendingOperation {
  type: string;
  resource: StateResource;
}

export interface DeploymentState {
  resources: StateResource[];
  pending_operations?: PendingOperation[];
}

/** The exported stack's deployment, as the tests read it. */
export function deploymentOf(state: Deployment): DeploymentState {
  return state.deployment;
}
