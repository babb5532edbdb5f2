import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * A real S3-protocol server for the S3 file store's tests: s3rver (npm, runs offline) in its own
 * process on a free loopback port, with one bucket, its data in a temporary folder. Stopped by
 * its PID.
 */
export async function startS3Server(bucket = "shopwise-test") {
  const dir = await mkdtemp(path.join(os.tmpdir(), "shopwise-s3-"));
  const port = await freePort();
  const bin = path.join(process.cwd(), "node_modules/s3rver/bin/s3rver.js");
  const child = spawn(
    process.execPath,
    [bin, "-d", dir, "-a", "127.0.0.1", "-p", String(port), "--silent", "--configure-bucket", bucket],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, "exit");
  await waitForPort(port, () => (child.exitCode === null ? null : `s3rver exited: ${stderr}`));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) {
        process.kill(child.pid!, "SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, failed: () => string | null, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const problem = failed();
    if (problem) throw new Error(problem);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.end(), resolve(true))).once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`s3rver did not listen on ${port} within ${timeoutMs} ms`);
}
