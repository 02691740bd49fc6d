// Links this package into its own node_modules, so programs inside the repository (the root
// quickstart, the examples) and the serialized providers they store resolve
// `require("pulumi-twilio-video/runtime")` exactly as a user's installed copy does.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-twilio-video");
if (!fs.existsSync(path.join(root, "node_modules"))) process.exit(0);
try {
  if (fs.lstatSync(link).isSymbolicLink()) process.exit(0);
} catch {
  // missing: create it below
}
fs.symlinkSync("..", link, "dir");
