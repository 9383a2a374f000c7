// The page side of the test wallet (see wallet.py): an EIP-1193 provider announced by EIP-6963
// (ANNOUNCE) and/or assigned to window.ethereum (INJECT); requests go to Python.
(() => {
  const listeners = {};
  const provider = {
    isGridSetTestWallet: true,
    async request({ method, params }) {
      const raw = await window.__gridsetWallet(JSON.stringify({ method, params: params || [] }));
      const out = JSON.parse(raw);
      if (out.emit) setTimeout(() => (listeners[out.emit[0]] || []).forEach((f) => f(out.emit[1])), 0);
      if (out.error) {
        const err = new Error(out.error.message);
        err.code = out.error.code;
        if (out.error.data !== undefined) err.data = out.error.data;
        throw err;
      }
      return out.result;
    },
    on(event, fn) { (listeners[event] ||= []).push(fn); return provider; },
    removeListener(event, fn) { listeners[event] = (listeners[event] || []).filter((f) => f !== fn); return provider; },
  };
  const info = Object.freeze({
    uuid: "6f3c1e7a-8a55-4c1b-9d0e-9f6b2a0c1d11",
    name: "GridSet Test Wallet",
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='8' height='8'/%3E",
    rdns: "org.gridset.testwallet",
  });
  const announce = () => window.dispatchEvent(
    new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
  if (ANNOUNCE) {
    window.addEventListener("eip6963:requestProvider", announce);
    announce();
  }
  if (INJECT) window.ethereum = provider;
})();
