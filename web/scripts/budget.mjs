// After `vite build`: prints the initial JavaScript a first visit downloads (gzip), against the
// 250 KB aim, and puts the persisted-documents manifest next to the build.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const dist = new URL("../dist/", import.meta.url);
const html = readFileSync(new URL("index.html", dist), "utf8");
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const file of initial) {
  const size = gzipSync(readFileSync(new URL(file, dist))).length;
  total += size;
  console.log(`budget: ${file} ${(size / 1024).toFixed(1)} KB gzip`);
}
const aim = 250;
console.log(`budget: initial JavaScript ${(total / 1024).toFixed(1)} KB gzip (aim ≤ ${aim} KB)${total / 1024 > aim ? " — over the aim" : ""}`);

// Codegen writes one manifest per generated module (src/gql/, src/gql-more/): the build's is both.
const documents = {};
for (const folder of ["gql", "gql-more"]) {
  Object.assign(documents, JSON.parse(readFileSync(new URL(`../src/${folder}/persisted-documents.json`, import.meta.url), "utf8")));
}
const manifest = new URL("persisted-documents.json", dist);
writeFileSync(manifest, JSON.stringify(documents, null, 2));
console.log(`persisted documents: ${Object.keys(documents).length} in dist/persisted-documents.json (${statSync(manifest).size} bytes)`);
