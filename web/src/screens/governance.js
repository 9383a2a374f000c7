import { localTime, token } from "../format.js";
import { card, dl, h } from "../ui.js";

const STATES = ["pending", "active", "cancelled", "defeated", "succeeded", "queued", "expired", "executed"];

export default {
  id: "governance",
  title: "Governance",
  requires: ["GovernanceDAO", "GridToken"],
  async render(app) {
    const created = await app.logs("GovernanceDAO", "ProposalCreated");
    if (!created.length) return h("p", { "data-testid": "no-proposals" }, "No proposal yet.");
    const me = app.account;
    const cards = await Promise.all([...created].reverse().map(async ({ args }) => {
      const id = args.proposalId;
      const [state, votes, voted] = await Promise.all([
        app.read("GovernanceDAO", "state", [id]),
        app.read("GovernanceDAO", "proposalVotes", [id]),
        me ? app.read("GovernanceDAO", "hasVoted", [id, me]) : false,
      ]);
      const [against, forVotes, abstain] = votes;
      const stateName = STATES[Number(state)] || String(state);
      const power = me && Number(state) >= 1 ? await app.read("GovernanceDAO", "getVotes", [me, args.voteStart]).catch(() => 0n) : 0n;
      const key = id.toString().slice(0, 10);
      const vote = (support, label) => h("button", { "data-testid": `vote-${label}-${key}`, disabled: !app.ready, onclick: () => app.tx(`Vote ${label}`, "GovernanceDAO", "castVote", [id, support]) }, `Vote ${label}`);
      return card(args.description.split("\n")[0] || `Proposal ${key}…`,
        dl([
          ["State", stateName, `proposal-state-${key}`],
          ["Voting", `${localTime(args.voteStart, true)} – ${localTime(args.voteEnd, true)}`],
          ["For", token(forVotes, "GRID", 18, 2), `votes-for-${key}`], ["Against", token(against, "GRID", 18, 2)], ["Abstain", token(abstain, "GRID", 18, 2)],
          ["Actions", `${args.targets.length} call(s)`],
          ...(me ? [["Your votes", token(power, "GRID", 18, 2)]] : []),
        ], `proposal-${key}`),
        voted ? h("p", { "data-testid": `voted-${key}` }, "You voted on this proposal.")
          : stateName === "active" && me ? h("div", {}, vote(1, "for"), " ", vote(0, "against"), " ", vote(2, "abstain")) : null,
      );
    }));
    return h("div", { class: "cards" }, cards);
  },
};
