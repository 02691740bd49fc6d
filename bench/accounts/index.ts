// One hook per entry of accounts:hooks ([account index, hook index]), in the account it names.
// accounts:mode "providers": one Provider per account of accounts:list (the emulator's seeded
// bench accounts: test values, not credentials of anything real); "single": every hook in the
// stack's account, the same resources under the one default provider host.
import * as pulumi from "@pulumi/pulumi";
import { CompositionHook, Provider } from "pulumi-twilio-video";

const config = new pulumi.Config("accounts");
const mode = config.require("mode");
const perAccount = config.requireNumber("perAccount");
const list: { accountSid: string; authToken: string }[] = JSON.parse(config.require("list"));

list.forEach((account, a) => {
  const provider = mode === "providers" ? new Provider(`account-${a}`, account) : undefined;
  for (let h = 0; h < perAccount; h++) {
    new CompositionHook(`hook-${a}-${h}`, { friendlyName: `bench ${a}-${h}`, audioSources: ["*"] }, { provider });
  }
});
