#!/usr/bin/env node
// solc command-line bridge over solc-js (npm `solc`, WebAssembly build of the official compiler).
//
// Answers the two calls py-solc-x / ape-solidity / slither make of a native solc:
//   solc --version
//   solc --standard-json [--base-path DIR] [--include-path DIR]... [--allow-paths A,B] < input.json
// Output is the compiler's own standard-JSON output; compile errors are reported inside it
// (exit code 0, as native solc does). Usage errors exit with code 1 and a message on stderr.
"use strict";

const fs = require("fs");
const path = require("path");

const USAGE = "usage: solc --version | solc --standard-json [--base-path DIR] [--include-path DIR]";

function parseArgs(argv) {
  const opts = { mode: null, basePath: null, includePaths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case "--version":
        opts.mode = "version";
        break;
      case "--standard-json":
        opts.mode = "standard-json";
        break;
      case "--base-path":
        opts.basePath = value();
        break;
      case "--include-path":
        opts.includePaths.push(value());
        break;
      case "--allow-paths":
        value(); // solc-js reads only what the import callback returns; nothing to restrict.
        break;
      case "-":
        break;
      default:
        throw new Error(`unsupported option ${arg}\n${USAGE}`);
    }
  }
  if (opts.mode === null) throw new Error(USAGE);
  return opts;
}

function importCallback(roots) {
  return (importPath) => {
    const candidates = path.isAbsolute(importPath)
      ? [importPath]
      : roots.map((root) => path.resolve(root, importPath));
    for (const candidate of candidates) {
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
        return { contents: fs.readFileSync(candidate, "utf8") };
      }
    }
    return { error: `File not found: ${importPath} (searched ${roots.join(", ")})` };
  };
}

function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  const solc = require("solc");
  if (opts.mode === "version") {
    const version = solc.version().replace(/\.Emscripten\.clang$/, "");
    process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${version}\n`);
    return;
  }
  const input = fs.readFileSync(0, "utf8");
  const roots = [opts.basePath || process.cwd(), ...opts.includePaths, process.cwd()];
  process.stdout.write(solc.compile(input, { import: importCallback(roots) }));
}

main();
