// Build the GridSet page into web/dist: one bundle (viem + our modules), index.html, style.css,
// and a copy of the address books. ABIs are read from ../abi at build time (every file there:
// the screens of contracts missing from abi/ or from the address book stay dark); the address
// book is read by the page at load time from dist/deployments/ (see src/contracts.js).
//
//   node build.mjs [--abi DIR] [--deployments DIR|-] [--out DIR]
import { build } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? resolve(args[i + 1]) : fallback;
};
const abiDir = opt("--abi", resolve(here, "../abi"));
// `--deployments -`: copy no address book (the dev server publishes its own).
const deploymentsDir = args[args.indexOf("--deployments") + 1] === "-" ? null : opt("--deployments", resolve(here, "../deployments"));
const outDir = opt("--out", resolve(here, "dist"));
const LIMIT_GZIP = 300 * 1024;

if (!existsSync(abiDir)) {
  console.error(`no ABIs at ${abiDir}: run \`ape run abi\` first (it writes abi/<Contract>.json)`);
  process.exit(1);
}
const abiFiles = readdirSync(abiDir).filter((f) => f.endsWith(".json")).sort();
if (!abiFiles.includes("GridSetErrors.json")) {
  console.error(`${abiDir} has no GridSetErrors.json: run \`ape run abi\``);
  process.exit(1);
}

// `import abis from "gridset:abis"` -> {ContractName: abi array}; only the entries the page uses
// (events, errors, functions) are kept as they are: an ABI is data, not code.
const abisPlugin = {
  name: "gridset-abis",
  setup(b) {
    b.onResolve({ filter: /^gridset:abis$/ }, (a) => ({ path: a.path, namespace: "gridset" }));
    b.onLoad({ filter: /.*/, namespace: "gridset" }, () => {
      const abis = {};
      for (const f of abiFiles) abis[f.replace(/\.json$/, "")] = JSON.parse(readFileSync(join(abiDir, f), "utf8"));
      return { contents: `export default ${JSON.stringify(abis)};`, loader: "js", watchFiles: abiFiles.map((f) => join(abiDir, f)) };
    });
  },
};

rmSync(outDir, { recursive: true, force: true });
mkdirSync(join(outDir, "deployments"), { recursive: true });
await build({
  entryPoints: [join(here, "src/main.js")],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  outfile: join(outDir, "app.js"),
  plugins: [abisPlugin],
  logLevel: "warning",
  legalComments: "none",
});
for (const f of ["index.html", "style.css"]) copyFileSync(join(here, f), join(outDir, f));

const books = deploymentsDir && existsSync(deploymentsDir)
  ? readdirSync(deploymentsDir).filter((f) => /^[a-z0-9_-]+-\d+\.json$/.test(f)).sort()
  : [];
for (const f of books) copyFileSync(join(deploymentsDir, f), join(outDir, "deployments", f));
writeFileSync(join(outDir, "deployments", "index.json"), JSON.stringify(books) + "\n");

let raw = 0;
let gz = 0;
for (const f of ["app.js", "index.html", "style.css"]) {
  const bytes = readFileSync(join(outDir, f));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
const summary = { raw_bytes: raw, gzip_bytes: gz, limit_gzip_bytes: LIMIT_GZIP, abis: abiFiles.length, books };
writeFileSync(join(outDir, "build.json"), JSON.stringify(summary, null, 1) + "\n");
console.log(`built ${outDir}: ${(raw / 1024).toFixed(1)} kB, ${(gz / 1024).toFixed(1)} kB gzipped ` +
  `(limit ${LIMIT_GZIP / 1024} kB); ${abiFiles.length} ABIs; address books: ${books.join(", ") || "none"}`);
if (gz > LIMIT_GZIP) {
  console.error("bundle over the gzipped size limit");
  process.exit(1);
}
