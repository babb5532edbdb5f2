/** What POST /api/upload answers with, as far as the form needs it. */
interface UploadedDocument {
  id: string;
  title: string;
}

export type UploadResult = { ok: true; document: UploadedDocument } | { ok: false; message: string };

const OFFLINE_MESSAGE = "We could not reach Shopwise. Check your connection, then try again.";

/**
 * Sends one file as multipart/form-data. XMLHttpRequest rather than fetch: only it reports upload
 * progress. Failures resolve with the server's message (the house `{ error: { message } }` shape).
 */
export function sendUpload(file: File, onProgress: (percent: number) => void): Promise<UploadResult> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/upload");
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((100 * event.loaded) / event.total));
    };
    request.onload = () => {
      const body = request.response as { document?: UploadedDocument; error?: { message?: string } } | null;
      if (request.status === 201 && body?.document) resolve({ ok: true, document: body.document });
      else
        resolve({
          ok: false,
          message: body?.error?.message ?? `The upload failed (HTTP ${request.status}). Try again.`,
        });
    };
    request.onerror = () => resolve({ ok: false, message: OFFLINE_MESSAGE });
    const form = new FormData();
    form.set("file", file);
    request.send(form);
  });
}
