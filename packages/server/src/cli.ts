import { runPayoutsCommand } from "./commands/payouts.js";
import { runDoctor } from "./doctor/doctor.js";

/** `ligdicash-kit doctor [shop URL]` (see doctor/doctor.ts), `ligdicash-kit payouts …` (commands/payouts.ts). */
const argv = process.argv.slice(2);
const io = {
  env: process.env,
  cwd: process.cwd(),
  out: (text: string) => void process.stdout.write(text),
};
const run =
  argv[0] === "payouts"
    ? runPayoutsCommand({ ...io, argv: argv.slice(1) })
    : runDoctor({ ...io, argv });
void run.then((code) => {
  process.exitCode = code;
});
