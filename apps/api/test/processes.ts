import { type ChildProcess, execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { repositoryRoot } from "../src/config.js";

/** The API's directory: the processes run there, as `pnpm --filter @comensha/api` runs them. */
const apiDir = join(repositoryRoot, "apps/api");

/**
 * A script of the API in this very Node.js binary, with tsx as a loader rather than the `tsx` wrapper, whose child
 * would outlive a kill of the wrapper.
 */
const nodeArgs = (script: "main" | "cli", args: ReadonlyArray<string>) => [
  "--import",
  "tsx",
  join(apiDir, `src/${script}.ts`),
  ...args,
];

/** How a process ended: its exit code, or the signal that ended it. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A process of the API or the CLI that a test started, with everything it has printed so far. */
export interface TestProcess {
  readonly name: string;
  readonly pid: number;
  /** Everything it wrote to stdout and stderr so far, interleaved. */
  readonly output: () => string;
  /** The JSON lines it logged so far, parsed; other lines are left out. */
  readonly logs: () => ReadonlyArray<Record<string, unknown>>;
  /** Resolves with the first match of `pattern` in its output, once there is one; rejects if it exits first. */
  readonly waitFor: (pattern: RegExp, timeoutMillis?: number) => Promise<RegExpMatchArray>;
  /** Resolves once it has exited. */
  readonly exited: Promise<ProcessExit>;
  /** Sends it `signal` (nothing if it has exited) and resolves once it has exited. */
  readonly stop: (signal: NodeJS.Signals) => Promise<ProcessExit>;
  /** If it exited without `stop` being called: how, and the end of its output. */
  readonly unexpectedExit: () => string | undefined;
}

/** Starts `src/<script>.ts <args>` of the API with `env` added to this process's environment. */
export const startProcess = (
  name: string,
  script: "main" | "cli",
  args: ReadonlyArray<string>,
  env: NodeJS.ProcessEnv,
): TestProcess => {
  const child: ChildProcess = spawn(process.execPath, nodeArgs(script, args), {
    cwd: apiDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  let ended: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once("exit", (code, signal) => {
      ended = { code, signal };
      for (const listener of listeners) listener();
      resolve(ended);
    });
  });
  const waitFor = (pattern: RegExp, timeoutMillis = 90_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match !== null) {
          finish();
          resolve(match);
        } else if (ended !== undefined) {
          finish();
          reject(new Error(`${name} exited (${JSON.stringify(ended)}) before printing ${pattern}:\n${output}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${name} did not print ${pattern} within ${timeoutMillis} ms:\n${output}`));
      }, timeoutMillis);
      const finish = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  const logs = () =>
    output.split("\n").flatMap((line) => {
      if (!line.startsWith("{")) return [];
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  let stopped = false;
  const stop = (signal: NodeJS.Signals) => {
    stopped = true;
    if (ended === undefined) child.kill(signal);
    return exited;
  };
  const unexpectedExit = () =>
    ended === undefined || stopped
      ? undefined
      : `${name} exited by itself (${JSON.stringify(ended)}):\n${output.slice(-2000)}`;
  return { name, pid: child.pid ?? -1, output: () => output, logs, waitFor, exited, stop, unexpectedExit };
};

/** Waits until `child` prints `pattern`; kills it if it does not, so that no half-started process is left. */
const whenReady = async (child: TestProcess, pattern: RegExp) => {
  try {
    return await child.waitFor(pattern);
  } catch (error) {
    await child.stop("SIGKILL");
    throw error;
  }
};

/** Starts an API process and resolves once it listens, with its URL (`PORT=0` gives it a free port). */
export const startApi = async (name: string, env: NodeJS.ProcessEnv) => {
  const api = startProcess(name, "main", [], { PORT: "0", HOST: "127.0.0.1", ...env });
  const match = await whenReady(api, /"msg":"listening","url":"([^"]+)"/);
  return { ...api, url: match[1] ?? "" };
};

/** Starts `comensha worker` and resolves once it takes jobs. */
export const startWorker = async (name: string, env: NodeJS.ProcessEnv) => {
  const worker = startProcess(name, "cli", ["worker"], env);
  await whenReady(worker, /report worker started/);
  return worker;
};

/** Runs `comensha <args>` to the end and answers what it printed on stdout. */
export const comensha = async (env: NodeJS.ProcessEnv, ...args: ReadonlyArray<string>) => {
  const { stdout } = await promisify(execFile)(process.execPath, nodeArgs("cli", args), {
    cwd: apiDir,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return stdout;
};

/** Reads until `done` holds (every 100 ms, up to `timeoutMillis`), and answers the last value read. */
export const poll = async <A>(
  read: () => Promise<A>,
  done: (value: A) => boolean,
  what: string,
  timeoutMillis = 60_000,
): Promise<A> => {
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
