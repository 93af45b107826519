// Typed usage of prio-wasm, checked by `tsc --noEmit -p examples` (it runs as
// plain JavaScript too once compiled). Imports the package by name, as users do.
import { load, PrioError, type RankRow, type Simulation } from "prio-wasm";
import { PrioWorker } from "prio-wasm/worker";

const csv = `id,title,depends_on,reach,reach_lo,reach_hi,impact,confidence,effort
sso,Single sign-on,,1200,900,1600,2,80%,4
audit-log,Audit log export,sso,600,400,800,1,80%,2
dark-mode,Dark mode,,5000,4000,6000,0.5,100%,1
`;

export async function main(): Promise<void> {
  const prio = await load();
  const backlog = prio.Backlog.fromCsv(csv, { fileName: "backlog.csv" });
  try {
    const rows: RankRow[] = prio.rank(backlog, { by: "rice", order: "greedy" });
    for (const { rank, id, title, score } of rows) console.log(rank, id, title, score?.toFixed(1));

    const why = prio.explain(backlog, "sso", "dark-mode", { by: "rice" });
    console.log(why.a_first, why.reason, why.differences.map((d) => d.name));

    const sim: Simulation = prio.simulate(backlog, { draws: 1000, seed: 42n, distribution: "pert", top: 1 });
    console.log(sim.features.map((f) => `${f.id}: P(top 1) = ${f.p_top_k}`));

    const plan = prio.plan(backlog, { capacity: [5, 3] });
    console.log(plan.sprints.map((s) => s.features.join(" + ")));
    const release = prio.release(backlog, { budget: 5 });
    console.log(release.selected, release.optimal);
    const scores: Float64Array = prio.score(backlog, "wsjf").values;
    console.log(scores.length);

    const epics = prio.Backlog.fromRows([{ id: "epic", effort: 8 }, { id: "story", effort: 3, parent: "epic" }]);
    const parents: (string | null)[] = epics.parents();
    const first: string | null = epics.parent(1);
    console.log(parents, first, epics.rows().map((r) => r.parent));
    epics.dispose();
  } catch (e) {
    if (e instanceof PrioError) console.error(e.code, e.feature, e.field, e.line, e.column, e.message);
    else throw e;
  } finally {
    backlog.dispose();
  }

  // Long calls off the main thread.
  const worker = await PrioWorker.start();
  const sim = await worker.simulate({ csv }, { draws: 10000, seed: 7 });
  console.log(sim.draws, sim.features[0]?.p_top_k);
  const ranked = await worker.call("rank", { rows: [{ id: "a", reach: 1, impact: 1, confidence: 1, effort: 1 }] }, "rice");
  console.log(ranked[0]?.id);
  await worker.terminate();
}

// @ts-expect-error: the options must be an object or a strategy spec
load().then((p) => p.rank(p.Backlog.fromCsv(csv), 42));
// @ts-expect-error: plan needs a capacity
load().then((p) => p.plan(p.Backlog.fromCsv(csv), {}));
