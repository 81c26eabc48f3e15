import "server-only";
import { AppError } from "@/lib/shared/errors";

/** Room for the multipart boundary and part headers around the file itself. */
const MULTIPART_OVERHEAD = 16 * 1024;

/**
 * Reads one file field from a multipart/form-data request without ever holding
 * more than `maxBytes` (plus headers) in memory: the body is counted as it
 * streams, so a huge or endless upload is cut off instead of buffered.
 */
export async function readUploadedFile(request: Request, options: UploadOptions): Promise<Buffer> {
  return (await readUploadedPart(request, options)).bytes;
}

interface UploadOptions {
  field: string;
  maxBytes: number;
  tooLarge: string;
  missing: string;
}

/** The same, with the name the browser gave the file (for display only: the type is read from the bytes). */
export async function readUploadedPart(request: Request, options: UploadOptions): Promise<{ bytes: Buffer; name: string }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;/i.test(contentType)) {
    throw new AppError("VALIDATION", `Send the file as multipart/form-data in a field named "${options.field}".`);
  }
  const limit = options.maxBytes + MULTIPART_OVERHEAD;
  const tooLarge = () => new AppError("VALIDATION", options.tooLarge, { [options.field]: options.tooLarge });
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }

  let form: FormData;
  try {
    form = await new Response(Buffer.concat(chunks), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("VALIDATION", "The upload was incomplete or malformed. Please try again.");
  }
  const file = form.get(options.field);
  if (!(file instanceof Blob) || file.size === 0) {
    throw new AppError("VALIDATION", options.missing, { [options.field]: options.missing });
  }
  if (file.size > options.maxBytes) throw tooLarge();
  return { bytes: Buffer.from(await file.arrayBuffer()), name: file instanceof File ? file.name : "" };
}
