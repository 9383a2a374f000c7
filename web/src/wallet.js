// Wallets: EIP-6963 discovery with window.ethereum as fallback; viem's split of a public client
// (reads, from the deployment's RPC) and a wallet client (writes, through the user's wallet).
import { createPublicClient, createWalletClient, custom, defineChain, http, numberToHex } from "viem";

export function discoverWallets(onChange) {
  const found = new Map();
  const publish = () => onChange([...found.values()]);
  window.addEventListener("eip6963:announceProvider", (event) => {
    const { info, provider } = event.detail || {};
    if (!info?.uuid || !provider) return;
    found.set(info.uuid, { info, provider });
    publish();
  });
  window.dispatchEvent(new Event("eip6963:requestProvider"));
  // Fallback for wallets that only inject window.ethereum (not announced by EIP-6963).
  setTimeout(() => {
    const injected = window.ethereum;
    if (injected && ![...found.values()].some((w) => w.provider === injected)) {
      found.set("window.ethereum", { info: { uuid: "window.ethereum", name: "Browser wallet", rdns: "window.ethereum", icon: "" }, provider: injected });
      publish();
    }
  }, 250);
}

export function makeChain(book, rpcUrl) {
  return defineChain({
    id: Number(book.chain_id),
    name: `GridSet ${book.network} (${book.chain_id})`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

export class Session {
  constructor(chain, onChange) {
    this.chain = chain;
    this.onChange = onChange;
    this.pub = createPublicClient({ chain, transport: http(chain.rpcUrls.default.http[0], { batch: true }), pollingInterval: 250 });
    this.wallet = null;
    this.account = null;
    this.walletChainId = null;
  }
  get onRightChain() {
    return this.walletChainId === this.chain.id;
  }
  async connect(wallet) {
    const provider = wallet.provider;
    const accounts = await provider.request({ method: "eth_requestAccounts" });
    this.wallet = wallet;
    this.account = accounts[0] || null;
    this.walletChainId = Number(await provider.request({ method: "eth_chainId" }));
    provider.on?.("accountsChanged", (a) => { this.account = a[0] || null; this.onChange(); });
    provider.on?.("chainChanged", (id) => { this.walletChainId = Number(id); this.onChange(); });
    this.onChange();
  }
  disconnect() {
    this.wallet = null;
    this.account = null;
    this.walletChainId = null;
    this.onChange();
  }
  async switchChain() {
    const provider = this.wallet.provider;
    const chainId = numberToHex(this.chain.id);
    try {
      await provider.request({ method: "wallet_switchEthereumChain", params: [{ chainId }] });
    } catch (err) {
      if (err?.code !== 4902) throw err;
      await provider.request({
        method: "wallet_addEthereumChain",
        params: [{ chainId, chainName: this.chain.name, nativeCurrency: this.chain.nativeCurrency, rpcUrls: this.chain.rpcUrls.default.http }],
      });
    }
    this.walletChainId = Number(await provider.request({ method: "eth_chainId" }));
    this.onChange();
  }
  walletClient() {
    return createWalletClient({ account: this.account, chain: this.chain, transport: custom(this.wallet.provider) });
  }
}
