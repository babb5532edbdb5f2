import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/server/auth/roles";
import { db } from "~/server/db/client";
import { reloadEnv } from "~/server/env";
import { createUser, sessionCookieFor } from "~/server/test/factories";
import { POST } from "./route";

let staffCookie: string;
let customerCookie: string;
beforeAll(async () => {
  const staff: SessionUser = await createUser({ role: "STAFF" });
  staffCookie = await sessionCookieFor(staff);
  customerCookie = await sessionCookieFor(await createUser());
});
afterEach(() => {
  delete process.env.KNOWLEDGE_MAX_UPLOAD_MB;
  reloadEnv();
});

function uploadRequest(
  file: Blob | string | null,
  options: { cookie?: string; headers?: Record<string, string> } = {},
) {
  const form = new FormData();
  if (file instanceof Blob) form.set("file", file, (file as File).name ?? "upload.bin");
  else if (file !== null) form.set("file", file);
  return new Request("http://localhost/api/upload", {
    method: "POST",
    body: form,
    headers: { ...(options.cookie && { cookie: options.cookie }), ...options.headers },
  });
}

const markdown = (title: string) =>
  new File([`# ${title}\n\nSome text written at ${Date.now()} ${Math.random()}.`], `${title}.md`);

async function send(request: Request) {
  const response = await POST(request);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("POST /api/upload", () => {
  it("lets staff upload a file: 201 with the queued document", async () => {
    const { status, body } = await send(uploadRequest(markdown("Route upload"), { cookie: staffCookie }));
    expect(status).toBe(201);
    expect(body.document).toMatchObject({ title: "Route upload", status: "PENDING", mimeType: "text/markdown" });
    const id = (body.document as { id: string }).id;
    expect(await db.knowledgeDocument.count({ where: { id } })).toBe(1);
  });

  it("answers 401 without a session and 403 for customers, in the house error shape", async () => {
    const anonymous = await send(uploadRequest(markdown("Nobody")));
    expect(anonymous).toMatchObject({
      status: 401,
      body: { error: { message: "Sign in to continue.", data: { code: "UNAUTHORIZED", httpStatus: 401 } } },
    });
    const customer = await send(uploadRequest(markdown("Customer"), { cookie: customerCookie }));
    expect(customer).toMatchObject({ status: 403, body: { error: { data: { code: "FORBIDDEN" } } } });
  });

  it("maps refusals to 400, 409, 413 and 415 with the message and the field", async () => {
    const missing = await send(uploadRequest(null, { cookie: staffCookie }));
    expect(missing).toMatchObject({
      status: 400,
      body: { error: { data: { appCode: "FILE_MISSING", fieldErrors: { file: [expect.any(String)] } } } },
    });
    const notAFile = await send(uploadRequest("just a string", { cookie: staffCookie }));
    expect(notAFile.status).toBe(400);
    const empty = await send(uploadRequest(new File([], "empty.md"), { cookie: staffCookie }));
    expect(empty).toMatchObject({ status: 400, body: { error: { data: { appCode: "FILE_EMPTY" } } } });

    const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1];
    const png = new File([Uint8Array.from(signature)], "a.md");
    const image = await send(uploadRequest(png, { cookie: staffCookie }));
    expect(image).toMatchObject({
      status: 415,
      body: {
        error: {
          data: { code: "UNSUPPORTED_MEDIA_TYPE" },
          message: "This looks like a PNG image; upload Markdown, plain text, HTML or PDF.",
        },
      },
    });

    const file = markdown("Twice");
    await send(uploadRequest(file, { cookie: staffCookie }));
    const duplicate = await send(uploadRequest(file, { cookie: staffCookie }));
    expect(duplicate).toMatchObject({ status: 409, body: { error: { data: { appCode: "DOCUMENT_EXISTS" } } } });
  });

  it("refuses an oversized upload from its Content-Length, and while reading a body without one", async () => {
    const declared = await send(
      uploadRequest(markdown("Declared"), { cookie: staffCookie, headers: { "content-length": "20000000" } }),
    );
    expect(declared).toMatchObject({ status: 413, body: { error: { data: { appCode: "FILE_TOO_LARGE" } } } });
    expect((declared.body.error as { message: string }).message).toMatch(/the limit is 10 MB/);

    process.env.KNOWLEDGE_MAX_UPLOAD_MB = "1";
    reloadEnv();
    const big = new File(["x".repeat(2 * 1024 * 1024)], "big.txt");
    const counted = await send(uploadRequest(big, { cookie: staffCookie }));
    expect(counted).toMatchObject({ status: 413, body: { error: { data: { code: "PAYLOAD_TOO_LARGE" } } } });
    expect((counted.body.error as { message: string }).message).toMatch(/1 MB/);
  });
});
