import type { CodegenConfig } from "@graphql-codegen/cli";

// Every operation lives in src/graphql/*.graphql and is typed from the API's exported schema,
// so a schema change that breaks the storefront fails `tsc`.
const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/graphql/*.graphql"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { persistedDocuments: true, fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { Decimal: "string", DateTime: "string", Date: "string", JSON: "unknown", ID: "string" },
      },
    },
  },
};
export default config;
