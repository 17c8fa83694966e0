import type { CodegenConfig } from "@graphql-codegen/cli";

// Every operation lives in src/graphql/ and is typed from the API's exported schema, so a
// schema change that breaks the storefront fails `tsc`. A generated module holds the syntax
// trees of all its documents and goes whole into the chunk of its first importer: the
// documents of pages a first visit does not need (src/graphql/more/, with the fragments of
// orders.graphql and cart.graphql they use) are generated apart, into src/gql-more/, which only lazy pages import.
const client = {
  preset: "client" as const,
  presetConfig: { persistedDocuments: true, fragmentMasking: false },
  config: {
    enumsAsTypes: true,
    useTypeImports: true,
    scalars: { Decimal: "string", DateTime: "string", Date: "string", JSON: "unknown", ID: "string" },
  },
};
const config: CodegenConfig = {
  schema: "../schema.graphql",
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": { ...client, documents: ["src/graphql/*.graphql"] },
    "src/gql-more/": { ...client, documents: ["src/graphql/more/*.graphql", "src/graphql/orders.graphql", "src/graphql/cart.graphql"] },
  },
};
export default config;
