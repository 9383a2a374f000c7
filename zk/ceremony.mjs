// Multi-party trusted setup of the netting circuits (snarkjs 0.7 Groth16 ceremony on the
// ZoKrates programs; zokrates-js exports the R1CS and witnesses in snarkjs's format).
//
// Usage: node zk/ceremony.mjs <command>   with a JSON request on stdin, a JSON answer on stdout.
// Python drives it (gridset/netting/ceremony.py); every path in a request is absolute.
//
//   compile    {source, outDir}   compile with the snarkjs export
//              -> {constraints}; writes outDir/{program.bin, abi.json, circuit.r1cs}
//   phase1     {power, out, entropy, beacon}   a local phase 1 (powers of tau, bn128): new
//              accumulator, one contribution, the beacon, prepared for phase 2
//              -> {contribution, seconds}; writes out (.ptau)
//   new        {r1cs, ptau, out}   phase 2 initial key -> {seconds}
//   contribute {old, out, name, entropy}   -> {hash, seconds}   (hash: 64-byte blake2b, hex)
//   beacon     {old, out, name, beacon, iterationsExp}   -> {hash, seconds}
//   verify     {r1cs, ptau, zkey}   check every contribution from the circuit and phase 1
//              -> {valid, contributions: [{name, hash, beacon}], seconds}
//   export     {zkey}   -> {vk (ZoKrates format), verifier (ZoKrates' MIT Solidity verifier),
//              zokratesVersion}
//   prove      {dir, zkey, args}   witness (ZoKrates) + Groth16 proof (snarkjs)
//              -> {proof (ZoKrates format), inputs, witnessSeconds, provingSeconds}
//
// Points: snarkjs writes decimal projective coordinates (G2 as [[x.c0, x.c1], [y.c0, y.c1], z]),
// ZoKrates 0x-hex affine ones in the same order; its verifier orders them for the precompile.
// Errors exit with status 1 and {error} on stdout.
import fs from "node:fs";
import path from "node:path";
import { initialize, metadata } from "zokrates-js";
import * as snarkjs from "snarkjs";

function resolver(fromLocation, importPath) {
  const file = path.resolve(path.dirname(fromLocation), `${importPath}.zok`);
  return fs.existsSync(file) ? { source: fs.readFileSync(file, "utf8"), location: file } : null;
}

function seconds(since) {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function hex(bytes) {
  return Buffer.from(bytes).toString("hex");
}

function timed(fn) {
  return async (request) => {
    const start = process.hrtime.bigint();
    const result = await fn(request);
    return { ...result, seconds: seconds(start) };
  };
}

const fq = (v) => "0x" + BigInt(v).toString(16).padStart(64, "0");
const g1 = (p) => [fq(p[0]), fq(p[1])];
const g2 = (p) => [
  [fq(p[0][0]), fq(p[0][1])],
  [fq(p[1][0]), fq(p[1][1])],
];

// snarkjs verification key -> ZoKrates g16 verification key (same Groth16 equation on bn128).
function zokratesVk(vk) {
  return {
    scheme: "g16",
    curve: "bn128",
    alpha: g1(vk.vk_alpha_1),
    beta: g2(vk.vk_beta_2),
    gamma: g2(vk.vk_gamma_2),
    delta: g2(vk.vk_delta_2),
    gamma_abc: vk.IC.map(g1),
  };
}

// Collects snarkjs's log lines (verify reports each contribution through its logger).
function collector() {
  const lines = [];
  const log = (...args) => lines.push(args.join(" "));
  return { lines, logger: { info: log, debug: () => {}, warn: log, error: log } };
}

const commands = {
  async compile(_, { source, outDir }, zk) {
    const artifacts = zk.compile(fs.readFileSync(source, "utf8"), {
      location: source,
      resolveCallback: resolver,
      snarkjs: true,
    });
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, "program.bin"), artifacts.program);
    fs.writeFileSync(path.join(outDir, "abi.json"), JSON.stringify(artifacts.abi));
    fs.writeFileSync(path.join(outDir, "circuit.r1cs"), artifacts.snarkjs.program);
    return { constraints: artifacts.constraintCount };
  },

  phase1: timed(async ({ power, out, entropy, beacon }) => {
    const curve = globalThis.curve_bn128;
    const [a, b, c] = [out + ".0", out + ".1", out + ".2"];
    await snarkjs.powersOfTau.newAccumulator(curve, power, a);
    const contribution = await snarkjs.powersOfTau.contribute(a, b, "coordinator", entropy);
    await snarkjs.powersOfTau.beacon(b, c, "phase 1 beacon", beacon, 10);
    await snarkjs.powersOfTau.preparePhase2(c, out);
    for (const f of [a, b, c]) fs.unlinkSync(f);
    return { contribution: hex(contribution) };
  }),

  new: timed(async ({ r1cs, ptau, out }) => {
    await snarkjs.zKey.newZKey(r1cs, ptau, out);
    return {};
  }),

  contribute: timed(async ({ old, out, name, entropy }) => {
    return { hash: hex(await snarkjs.zKey.contribute(old, out, name, entropy)) };
  }),

  beacon: timed(async ({ old, out, name, beacon, iterationsExp }) => {
    return { hash: hex(await snarkjs.zKey.beacon(old, out, name, beacon, iterationsExp)) };
  }),

  verify: timed(async ({ r1cs, ptau, zkey }) => {
    const { lines, logger } = collector();
    const valid = await snarkjs.zKey.verifyFromR1cs(r1cs, ptau, zkey, logger);
    const contributions = [];
    for (let i = 0; i < lines.length; i++) {
      const match = /^contribution #\d+ (.*):\n([\s\S]*)$/.exec(lines[i]);
      if (match) {
        contributions.push({ name: match[1], hash: match[2].replace(/\s/g, ""), beacon: null });
      }
      const beacon = /^Beacon generator: ([0-9a-f]+)$/.exec(lines[i]);
      if (beacon) contributions[contributions.length - 1].beacon = beacon[1];
    }
    return { valid: valid === true, contributions };
  }),

  async export(_, { zkey }, zk) {
    const vk = zokratesVk(await snarkjs.zKey.exportVerificationKey(zkey));
    return { vk, verifier: zk.exportSolidityVerifier(vk), zokratesVersion: metadata.version };
  },

  async prove(_, { dir, zkey, args }, zk) {
    const artifacts = {
      program: new Uint8Array(fs.readFileSync(path.join(dir, "program.bin"))),
      abi: JSON.parse(fs.readFileSync(path.join(dir, "abi.json"), "utf8")),
    };
    let start = process.hrtime.bigint();
    const { snarkjs: exported } = zk.computeWitness(artifacts, args, { snarkjs: true, logCallback: () => {} });
    const witnessSeconds = seconds(start);
    const wtns = path.join(dir, `witness-${process.pid}.wtns`);
    fs.writeFileSync(wtns, exported.witness);
    start = process.hrtime.bigint();
    try {
      const { proof, publicSignals } = await snarkjs.groth16.prove(zkey, wtns);
      const provingSeconds = seconds(start);
      return {
        proof: { a: g1(proof.pi_a), b: g2(proof.pi_b), c: g1(proof.pi_c) },
        inputs: publicSignals.map(fq),
        witnessSeconds,
        provingSeconds,
      };
    } finally {
      fs.unlinkSync(wtns);
    }
  },
};

// The timed commands take only the request; the others also need zokrates-js.
// snarkjs runs single-threaded: every snarkjs call takes the cached bn128 curve, set here to a
// single-thread one. On a shared, loaded 2-core machine worker threads thrash (a 2^11 phase-1
// preparation took 240 s with workers, 27 s without).
async function main() {
  // snarkjs reports problems with console.log; stdout carries only the JSON answer.
  console.log = (...args) => process.stderr.write(args.join(" ") + "\n");
  globalThis.curve_bn128 = await snarkjs.curves.getCurveFromName("bn128", { singleThread: true });
  const command = commands[process.argv[2]];
  if (!command) throw new Error(`unknown command ${process.argv[2]}; one of ${Object.keys(commands).join(", ")}`);
  const request = JSON.parse(fs.readFileSync(0, "utf8"));
  const zk = command.length === 3 ? await initialize() : null;
  return command.length === 3 ? command(null, request, zk) : command(request);
}

main().then(
  (answer) => {
    process.stdout.write(JSON.stringify(answer));
    process.exit(0);
  },
  (error) => {
    process.stdout.write(JSON.stringify({ error: String(error && error.message ? error.message : error) }));
    process.exit(1);
  },
);
