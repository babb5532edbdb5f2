import { spawn } from "node:child_process";
import { cp, mkdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

/**
 * Follows a Dockerfile without a Docker engine: each stage is a folder, `FROM <stage>` starts from
 * a (hard-linked) copy of that stage's folder, WORKDIR /app is the folder itself, COPY copies from
 * the build context or another stage, RUN runs its shell command there with the stage's ENV and
 * ARGs. What an engine adds (a base image's own files, layers, users) is not imitated: the caller
 * says how to run RUN commands that need the host's help (see server/docker.test.ts).
 */

export type Instruction = { op: string; args: string };
export type Stage = { name: string; from: string; instructions: Instruction[] };

export function parseDockerfile(text: string): { globalArgs: Record<string, string>; stages: Stage[] } {
  const logical = text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, op, args = ""] = /^(\S+)\s*(.*)$/.exec(line)!;
    const upper = op!.toUpperCase();
    if (upper === "FROM") {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args)!;
      stages.push({ name: name ?? `stage-${stages.length}`, from: from!, instructions: [] });
    } else if (!stages.length && upper === "ARG") {
      const [key, value = ""] = args.split("=");
      globalArgs[key!] = value;
    } else stages.at(-1)!.instructions.push({ op: upper, args });
  }
  return { globalArgs, stages };
}

/** `--flag=value` options at the start of an instruction, and what follows them. */
export function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args;
  for (let m = /^--([\w-]+)=(\S+)\s+/.exec(rest); m; m = /^--([\w-]+)=(\S+)\s+/.exec(rest)) {
    flags[m[1]!] = m[2]!;
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}

/** `KEY=value KEY2=value2` (unquoted values), as ENV and ARG lines here use them. */
export function parseAssignments(args: string): Record<string, string> {
  return Object.fromEntries(args.split(/\s+/).map((pair) => pair.split("=") as [string, string]));
}

export function sh(command: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", command], { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`\`${command}\` exited with ${code}:\n${output.slice(-4000)}`)),
    );
  });
}

/** Absolute image paths are under WORKDIR /app; relative ones are relative to it. */
function inStage(stageDir: string, imagePath: string) {
  const relative = imagePath.startsWith("/") ? path.relative("/app", imagePath) : imagePath;
  if (relative.startsWith("..")) throw new Error(`${imagePath} is outside /app: not supported here`);
  return path.join(stageDir, relative);
}

async function copyInto(sources: string[], dest: string, options: { link: boolean }) {
  const intoFolder = dest.endsWith("/") || sources.length > 1;
  for (const source of sources) {
    const isDir = (await stat(source)).isDirectory();
    const target = isDir || !intoFolder ? dest : path.join(dest, path.basename(source));
    await mkdir(isDir ? target : path.dirname(target), { recursive: true });
    // Hard links for what a later step never rewrites (another stage's output); real copies of the
    // context, which the build rewrites in place (tsconfig.json, next-env.d.ts).
    if (options.link)
      await sh(`cp -al ${JSON.stringify(isDir ? `${source}/.` : source)} ${JSON.stringify(target)}`, {
        cwd: "/",
        env: process.env,
      });
    else await cp(source, target, { recursive: true, force: true });
  }
}

export interface BuildOptions {
  dockerfile: string;
  context: string;
  /** An empty folder that receives one folder per stage. */
  workDir: string;
  buildArgs?: Record<string, string>;
  /** Runs a RUN command itself (returns true) or leaves it to `sh` (false). */
  run?: (stage: Stage, command: string, cwd: string, env: NodeJS.ProcessEnv) => Promise<boolean>;
  log?: (line: string) => void;
}

/** Builds every stage in order; returns each stage's folder and final ENV, USER and CMD. */
export async function buildStages(options: BuildOptions) {
  const { globalArgs, stages } = parseDockerfile(await readFile(options.dockerfile, "utf8"));
  type Built = { dir: string; env: Record<string, string>; user?: string; cmd?: string[]; healthcheck?: string[] };
  const built = new Map<string, Built>();
  for (const stage of stages) {
    const dir = path.join(options.workDir, stage.name);
    const base = built.get(stage.from);
    await mkdir(dir, { recursive: true });
    if (base) await copyInto([base.dir], dir, { link: true });
    const env: Record<string, string> = { ...base?.env };
    const args: Record<string, string> = { ...globalArgs };
    let user = base?.user;
    let cmd = base?.cmd;
    let healthcheck = base?.healthcheck;
    for (const { op, args: text } of stage.instructions) {
      options.log?.(`[${stage.name}] ${op} ${text}`);
      if (op === "WORKDIR") {
        if (text !== "/app") throw new Error(`WORKDIR ${text}: only /app is supported here`);
      } else if (op === "ARG") {
        const [key, value] = text.split("=");
        args[key!] = options.buildArgs?.[key!] ?? value ?? "";
      } else if (op === "ENV") Object.assign(env, parseAssignments(text));
      else if (op === "COPY") {
        const { flags, rest } = splitFlags(text);
        const parts = rest.split(/\s+/);
        const dest = inStage(dir, parts.pop()!) + (parts.length > 1 || rest.endsWith("/") ? "/" : "");
        const from = flags.from ? built.get(flags.from) : undefined;
        if (flags.from && !from) throw new Error(`COPY --from=${flags.from}: no such stage`);
        const sources = parts.map((p) => (from ? inStage(from.dir, p) : path.join(options.context, p)));
        await copyInto(sources, dest, { link: Boolean(from) });
      } else if (op === "RUN") {
        const command = splitFlags(text).rest; // --mount=type=cache: nothing to mount here
        const runEnv = { ...process.env, ...args, ...env };
        if (!(await options.run?.(stage, command, dir, runEnv))) await sh(command, { cwd: dir, env: runEnv });
      } else if (op === "USER") user = text;
      else if (op === "CMD") cmd = JSON.parse(text) as string[];
      else if (op === "HEALTHCHECK") healthcheck = JSON.parse(splitFlags(text).rest.replace(/^CMD\s+/, "")) as string[];
      else if (!["EXPOSE", "LABEL"].includes(op)) throw new Error(`${op}: not supported here`);
    }
    built.set(stage.name, { dir, env, user, cmd, healthcheck });
  }
  return { stages, built };
}
