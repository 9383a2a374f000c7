// ZoKrates back end of the netting pipeline (zokrates-js, WebAssembly; no ZoKrates binary).
//
// Usage: node zk/zokrates.mjs <command>   with a JSON request on stdin, a JSON answer on stdout.
// Python drives it (gridset/netting/zk.py); every path in a request is absolute.
//
//   build    {source, outDir, entropy}   compile; with an entropy string also run the Groth16
//            setup (bn128) and export the verifier
//            -> {constraints, compileSeconds, setupSeconds, zokratesVersion}
//            writes outDir/{program.bin, abi.json, circuit.r1cs} and, after a setup,
//            outDir/{proving.key, verification.key.json, verifier.sol}
//   run      {dir, cases: [[...], ...]}   run a compiled program once per case
//            -> {outputs: [...]}  (Poseidon commitments, see zk/commitment.zok)
//   witness  {dir, cases: [[...], ...]}   compute witnesses only -> {results: [{ok, error}]}
//   prove    {dir, args}   witness + proof -> {proof, inputs, witnessSeconds, provingSeconds}
//
// Errors (bad request, compile error, failed assertion) exit with status 1 and {error} on stdout.
import fs from "node:fs";
import path from "node:path";
import { initialize, metadata } from "zokrates-js";

function resolver(fromLocation, importPath) {
  const file = path.resolve(path.dirname(fromLocation), `${importPath}.zok`);
  // Returning null lets ZoKrates fall back to its embedded standard library.
  return fs.existsSync(file) ? { source: fs.readFileSync(file, "utf8"), location: file } : null;
}

function compile(zk, source) {
  // snarkjs: also export the R1CS in snarkjs's format (the ceremony, zk/ceremony.mjs, reuses it).
  return zk.compile(fs.readFileSync(source, "utf8"), { location: source, resolveCallback: resolver, snarkjs: true });
}

function seconds(since) {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function loadArtifacts(dir) {
  return {
    program: new Uint8Array(fs.readFileSync(path.join(dir, "program.bin"))),
    abi: JSON.parse(fs.readFileSync(path.join(dir, "abi.json"), "utf8")),
  };
}

const commands = {
  build(zk, { source, outDir, entropy }) {
    let start = process.hrtime.bigint();
    const artifacts = compile(zk, source);
    const compileSeconds = seconds(start);
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, "program.bin"), artifacts.program);
    fs.writeFileSync(path.join(outDir, "abi.json"), JSON.stringify(artifacts.abi));
    fs.writeFileSync(path.join(outDir, "circuit.r1cs"), artifacts.snarkjs.program);
    const result = { constraints: artifacts.constraintCount, compileSeconds, setupSeconds: null, zokratesVersion: metadata.version };
    if (entropy === undefined || entropy === null) {
      return result;
    }
    start = process.hrtime.bigint();
    const keypair = zk.setup(artifacts.program, entropy);
    result.setupSeconds = seconds(start);
    fs.writeFileSync(path.join(outDir, "proving.key"), keypair.pk);
    fs.writeFileSync(path.join(outDir, "verification.key.json"), JSON.stringify(keypair.vk));
    fs.writeFileSync(path.join(outDir, "verifier.sol"), zk.exportSolidityVerifier(keypair.vk));
    return result;
  },

  run(zk, { dir, cases }) {
    const artifacts = loadArtifacts(dir);
    const outputs = cases.map((a) => JSON.parse(zk.computeWitness(artifacts, a, { logCallback: () => {} }).output));
    return { outputs };
  },

  witness(zk, { dir, cases }) {
    const artifacts = loadArtifacts(dir);
    const results = cases.map((args) => {
      try {
        zk.computeWitness(artifacts, args, { logCallback: () => {} });
        return { ok: true, error: null };
      } catch (error) {
        return { ok: false, error: String(error) };
      }
    });
    return { results };
  },

  prove(zk, { dir, args }) {
    const artifacts = loadArtifacts(dir);
    let start = process.hrtime.bigint();
    const { witness } = zk.computeWitness(artifacts, args, { logCallback: () => {} });
    const witnessSeconds = seconds(start);
    const provingKey = new Uint8Array(fs.readFileSync(path.join(dir, "proving.key")));
    start = process.hrtime.bigint();
    const proof = zk.generateProof(artifacts.program, witness, provingKey);
    const provingSeconds = seconds(start);
    return { proof: proof.proof, inputs: proof.inputs, witnessSeconds, provingSeconds };
  },
};

async function main() {
  const command = commands[process.argv[2]];
  if (!command) {
    throw new Error(`unknown command ${process.argv[2]}; use one of ${Object.keys(commands).join(", ")}`);
  }
  const request = JSON.parse(fs.readFileSync(0, "utf8"));
  const zk = await initialize();
  process.stdout.write(JSON.stringify(command(zk, request)));
}

main().catch((error) => {
  process.stdout.write(JSON.stringify({ error: String(error && error.message ? error.message : error) }));
  process.exit(1);
});
