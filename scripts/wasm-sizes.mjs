// Prints the WebAssembly a browser downloads, gzip -9: the initial module (the shell, the sign-in page and the
// pit dashboard's grid, with its JS glue) and, per lazily loaded page (and the dashboard's table panel), the
// chunks its first opening fetches (`__wasm_split_manifest.json`, written by `cargo leptos build --split`).
// Usage: node scripts/wasm-sizes.mjs
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const pkg = process.argv[2] ?? "target/site/pkg";
const size = (file) => {
  const bytes = readFileSync(`${pkg}/${file}`);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const main = size("pitboss.wasm");
const glue = ["pitboss.js", "__wasm_split.______________________.js"].map(size).reduce((a, b) => a + b.gzip, 0);
console.log(`initial WebAssembly: ${main.raw} bytes raw, ${main.gzip} bytes gzip -9 (${kb(main.gzip)}); JS glue ${glue} bytes gzip`);
const manifest = JSON.parse(readFileSync(`${pkg}/__wasm_split_manifest.json`, "utf8"));
const pages = Object.entries(manifest)
  .map(([name, files]) => [name.replace(/^__|(_view)?_\d+$/g, ""), files.map((f) => size(`${f}.wasm`).gzip).reduce((a, b) => a + b, 0), files.length])
  .sort((a, b) => b[1] - a[1]);
for (const [page, gzip, files] of pages) {
  console.log(`  + ${page.padEnd(24)} ${kb(gzip).padStart(9)} gzip in ${files} files, fetched when first opened`);
}
