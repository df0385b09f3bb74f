import { type ChildProcess, spawn, spawnSync, type SpawnOptions } from "node:child_process";

let setpriv: boolean | undefined;
function hasSetpriv(): boolean {
  setpriv ??= process.platform === "linux" && spawnSync("setpriv", ["--version"]).status === 0;
  return setpriv;
}

/** A server process started for a test run, and how to stop it. */
export type ChildService = { process: ChildProcess; stop(signal?: NodeJS.Signals): Promise<void> };

/**
 * Spawns a server process, keeping the tail of its output for error messages, and resolves once
 * `ready()` says so (polled) — or rejects with that output if it exits first or takes over
 * `timeoutMs`. The process is killed when this Node process exits, so none is left behind;
 * `deathSignal` is what it gets if this process is killed outright.
 */
export async function startChildService(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions,
  ready: (output: string) => boolean | Promise<boolean>,
  deathSignal: NodeJS.Signals = "SIGTERM",
  timeoutMs = 20_000,
): Promise<ChildService> {
  // Where util-linux's setpriv is there (Debian), the kernel signals the server if this process
  // dies without running its exit handlers (SIGKILL), so no server outlives a killed test run.
  const [file, argv] = hasSetpriv() ? ["setpriv", ["--pdeathsig", deathSignal, "--", command, ...args]] : [command, args];
  const child = spawn(file, argv, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const spawnError = new Promise<never>((_, fail) => child.once("error", fail));
  spawnError.catch(() => {});

  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    process.removeListener("exit", killOnExit);
    if (gone) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error(`${name} exited before it was ready:\n${output}`);
    if (await Promise.race([Promise.resolve(ready(output)), spawnError])) return { process: child, stop };
    if (Date.now() > deadline) {
      await stop("SIGKILL");
      throw new Error(`${name} was not ready within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
