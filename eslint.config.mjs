// ESLint: TypeScript's recommended rules, Pulumi's (an Output in a template literal), and nothing
// Prettier decides (eslint-config-prettier turns those off; `prettier --check` owns formatting).
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "**/node_modules/", ".cache/", "**/*.d.ts", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname } },
    plugins: { "@pulumi": pulumi },
    rules: {
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
    },
  },
  {
    // A resource class's output properties are set by Pulumi at run time (every one is registered
    // in its props); an interface of the same name gives them their types, from the spec.
    files: ["provider/resources/*/resource.ts"],
    rules: { "@typescript-eslint/no-unsafe-declaration-merging": "off", "@typescript-eslint/no-empty-object-type": "off" },
  },
  prettier,
);
