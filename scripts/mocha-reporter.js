// Mocha's spec reporter plus one plain closing line, "N passed, N failed", which CI reads.
const Mocha = require("mocha");

class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      process.nextTick(() => console.log(`${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}`));
    });
  }
}

module.exports = SpecWithSummary;
