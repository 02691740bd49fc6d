import * as pulumi from "@pulumi/pulumi";
import { ApiKey, CompositionHook, Provider, Subaccount } from "pulumi-twilio-video";

const config = new pulumi.Config();
const environments = config.getObject<string[]>("environments") ?? ["dev", "staging"];
const closeOnDelete = config.getBoolean("closeOnDelete") ?? false;

// One subaccount per environment, made with the stack's (main) account; then a provider for each,
// configured from the subaccount in this same run, puts the environment's objects inside it.
export const environmentsCreated = Object.fromEntries(
  environments.map((env) => {
    const subaccount = new Subaccount(env, { friendlyName: `video ${env}`, closeOnDelete });
    const provider = new Provider(env, { accountSid: subaccount.sid, authToken: subaccount.authToken });

    // The key the environment's servers mint Video access tokens with.
    const key = new ApiKey(`${env}-access-tokens`, { friendlyName: `${env} access tokens` }, { provider });
    const hook = new CompositionHook(
      `${env}-compose`,
      {
        friendlyName: `${env}: compose every room`,
        audioSources: ["*"],
        videoLayout: { grid: { video_sources: ["*"] } },
        format: "mp4",
      },
      { provider },
    );

    return [env, { subaccountSid: subaccount.sid, apiKeySid: key.sid, apiKeySecret: key.secret, hookSid: hook.sid }];
  }),
);
