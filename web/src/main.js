// The GridSet page: one app object shared by the screens (screens/*.js). Each screen names the
// contracts it needs; a screen whose contracts are not in the address book stays dark (the CDA
// and LEG screens light up once those contracts are deployed and recorded).
import { loadBook, makeContracts } from "./contracts.js";
import { explain } from "./errors.js";
import { duration, localTime, shortAddress } from "./format.js";
import { h } from "./ui.js";
import { discoverWallets, makeChain, Session } from "./wallet.js";
import { SCREENS } from "./screens/index.js";

const $ = (id) => document.getElementById(id);
const isLive = (screen, c) => c.has(...screen.requires);

async function rpcUrl() {
  const fromQuery = new URLSearchParams(location.search).get("rpc");
  if (fromQuery) return fromQuery;
  try {
    const cfg = await (await fetch("config.json", { cache: "no-store" })).json();
    if (cfg.rpc) return cfg.rpc;
  } catch { /* no config.json: the default dev node */ }
  return "http://127.0.0.1:8545";
}

const app = {
  book: null, c: null, session: null, wallets: [], screen: null, clock: { chain: 0, at: 0 }, txCount: 0, renderSeq: 0, rendering: 0,

  now() { // chain time (s), extrapolated from the latest block with the wall clock
    return this.clock.chain + Math.floor((Date.now() - this.clock.at) / 1000);
  },
  get account() { return this.session?.account || null; },
  get ready() { return Boolean(this.account && this.session.onRightChain); },

  async read(name, functionName, args = []) {
    const { address, abi } = this.c.get(name);
    return this.session.pub.readContract({ address, abi, functionName, args });
  },
  async logs(name, eventName, args = {}) {
    const { address, abi } = this.c.get(name);
    return this.session.pub.getContractEvents({ address, abi, eventName, args, fromBlock: this.book.block, toBlock: "latest" });
  },

  showError(err) {
    const box = $("error");
    if (!err) { box.hidden = true; box.replaceChildren(); return; }
    const { name, text } = explain(err);
    box.replaceChildren(h("span", { class: "why", "data-testid": "error-name" }, name), ": ", h("span", { "data-testid": "error-text" }, text));
    box.hidden = false;
    return { name, text };
  },

  // Simulate (reverts are shown decoded before anything is signed), sign in the wallet, list the
  // transaction as pending until mined, then refresh the screen. Returns the receipt or null.
  async tx(label, name, functionName, args = []) {
    this.showError(null);
    if (!this.account) return this.showError(new Error("Connect a wallet first.")), null;
    if (!this.session.onRightChain) return this.showError(new Error(`Switch your wallet to chain ${this.book.chain_id} first.`)), null;
    const { address, abi } = this.c.get(name);
    const pub = this.session.pub;
    let item;
    try {
      const { request } = await pub.simulateContract({ address, abi, functionName, args, account: this.account });
      const hash = await this.session.walletClient().writeContract(request);
      item = h("li", { class: "tx-pending", "data-testid": "tx", "data-status": "pending" }, `${label}: pending… ${hash.slice(0, 12)}`);
      $("tx-list").prepend(item);
      const receipt = await pub.waitForTransactionReceipt({ hash, pollingInterval: 250 });
      if (receipt.status !== "success") throw Object.assign(new Error(`${label} reverted in block ${receipt.blockNumber}`), { receipt });
      item.className = "tx-mined";
      item.dataset.status = "mined";
      item.textContent = `${label}: mined in block ${receipt.blockNumber} (${receipt.gasUsed} gas)`;
      this.txCount += 1;
      await this.syncClock();
      await this.refresh();
      return receipt;
    } catch (err) {
      const shown = this.showError(err);
      if (item) { item.className = "tx-failed"; item.dataset.status = "failed"; item.textContent = `${label}: ${shown.text}`; }
      return null;
    }
  },

  async syncClock() {
    const block = await this.session.pub.getBlock({ blockTag: "latest" });
    this.clock = { chain: Number(block.timestamp), at: Date.now() };
  },

  renderHeader() {
    const b = this.book;
    $("community").textContent = `${b.network} community · chain ${b.chain_id} · ${Object.keys(b.contracts).length} contracts · chain time ${localTime(this.now(), true)}`;
    const area = $("wallet-area");
    area.replaceChildren();
    area.append(h("button", { class: "secondary", "data-testid": "refresh", title: "Read the chain again", onclick: () => this.syncClock().then(() => this.refresh()) }, "↻"), " ");
    if (this.account) {
      area.append(
        h("span", { "data-testid": "account" }, shortAddress(this.account)),
        " · ",
        h("span", { "data-testid": "wallet-chain" }, `chain ${this.session.walletChainId}`),
        h("button", { class: "secondary", onclick: () => { localStorage.removeItem("gridset.wallet"); this.session.disconnect(); } }, "Disconnect"),
      );
    } else if (this.wallets.length) {
      for (const w of this.wallets) {
        area.append(h("button", { "data-testid": "connect", "data-rdns": w.info.rdns, onclick: () => this.connect(w) }, `Connect ${w.info.name}`));
      }
    } else {
      area.append(h("span", { "data-testid": "no-wallet" }, "No wallet found: install one (EIP-6963 or window.ethereum)"));
    }
    const banner = $("chain-banner");
    if (this.account && !this.session.onRightChain) {
      banner.replaceChildren(
        h("span", { "data-testid": "wrong-chain" }, `Your wallet is on chain ${this.session.walletChainId}; this community lives on chain ${b.chain_id}. `),
        h("button", { "data-testid": "switch-chain", onclick: () => this.switchChain() }, `Switch to chain ${b.chain_id}`),
      );
      banner.hidden = false;
    } else banner.hidden = true;
  },

  async connect(w) {
    try {
      await this.session.connect(w);
      localStorage.setItem("gridset.wallet", w.info.rdns);
    } catch (err) { this.showError(err); }
  },
  // After a reload: reconnect silently to the wallet used last if it still grants the account.
  async reconnect(wallets) {
    const w = wallets.find((x) => x.info.rdns === localStorage.getItem("gridset.wallet"));
    if (!w || this.account) return;
    const granted = await w.provider.request({ method: "eth_accounts" }).catch(() => []);
    if (granted.length) await this.connect(w);
  },
  async switchChain() {
    try { await this.session.switchChain(); this.showError(null); } catch (err) { this.showError(err); }
  },

  renderNav() {
    const nav = $("nav");
    nav.replaceChildren(...SCREENS.map((s) => {
      const live = isLive(s, this.c);
      return h("button", {
        "data-screen": s.id, disabled: !live, "aria-current": this.screen?.id === s.id ? "page" : null,
        title: live ? s.title : `${s.title}: not deployed in this community`,
        onclick: () => this.go(s.id),
      }, s.title);
    }));
  },

  async go(id) {
    this.screen = SCREENS.find((s) => s.id === id && isLive(s, this.c)) || SCREENS[0];
    if (location.hash !== `#${this.screen.id}`) history.replaceState(null, "", `#${this.screen.id}`);
    this.showError(null);
    this.renderNav();
    await this.refresh();
  },

  // Draw the current screen from the chain. Only the latest render started is shown (an older one
  // finishing later is dropped); #screen[data-busy] counts renders in flight (0: the screen is idle).
  async refresh() {
    const screen = this.screen;
    if (!screen) return; // a wallet event before the first screen was chosen
    const el = $("screen");
    const seq = ++this.renderSeq;
    el.dataset.busy = String(++this.rendering);
    try {
      const node = await screen.render(this);
      if (screen !== this.screen || seq !== this.renderSeq) return;
      el.replaceChildren(h("h2", {}, screen.title), node);
      el.dataset.rendered = String(Number(el.dataset.rendered || 0) + 1);
      el.dataset.screen = screen.id;
    } catch (err) {
      if (seq !== this.renderSeq) return;
      el.replaceChildren(h("h2", {}, screen.title), h("p", { class: "note" }, "Could not read this screen from the chain."));
      this.showError(err);
    } finally {
      el.dataset.busy = String(--this.rendering);
    }
    this.renderHeader();
  },
};

async function start() {
  app.book = await loadBook();
  app.c = makeContracts(app.book);
  app.session = new Session(makeChain(app.book, await rpcUrl()), () => { app.renderHeader(); app.refresh(); });
  await app.syncClock();
  discoverWallets((ws) => { app.wallets = ws; app.renderHeader(); app.reconnect(ws); });
  await app.go((location.hash || "#dashboard").slice(1));
  // From navigation start (HTML, bundle, address book, chain reads, first screen drawn).
  window.gridsetFirstRenderMs = performance.now();
  document.body.dataset.ready = "true";
  // Countdowns tick locally; the chain clock is re-read every 15 s.
  setInterval(() => {
    for (const el of document.querySelectorAll("[data-deadline]")) {
      const left = Number(el.dataset.deadline) - app.now();
      el.textContent = left > 0 ? duration(left) : "passed";
    }
  }, 1000);
  // Views without forms (dashboard, slots) are redrawn too, so books and phases stay current.
  setInterval(() => app.syncClock().then(() => (app.screen?.autoRefresh ? app.refresh() : app.renderHeader())).catch(() => {}), 15000);
}

window.gridset = app; // for the console and the browser tests
start().catch((err) => {
  $("community").textContent = "could not load the community";
  app.showError(err);
  document.body.dataset.ready = "error";
});
