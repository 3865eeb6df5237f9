import { runDoctor } from "./doctor/doctor.js";

/** `ligdicash-kit doctor [shop URL]`: see doctor/doctor.ts. */
void runDoctor({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  out: (text) => void process.stdout.write(text),
}).then((code) => {
  process.exitCode = code;
});
