import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** s3rver accepts any signature but checks the access key id: this is the one it knows. */
export const S3RVER_KEY = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

/**
 * A real S3-compatible server of the test's own (s3rver, an npm dev dependency) on a
 * random port, with `bucket` made and its objects in a temp folder removed on stop.
 * Null (and the reason printed) when it cannot start here; the suites then skip.
 */
export async function startS3Server(bucket: string) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "parley-s3-"));
  try {
    const { default: S3rver } = await import("s3rver");
    const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
    const { port } = await server.run();
    return {
      endpoint: `http://127.0.0.1:${port}`,
      directory,
      async stop() {
        await server.close();
        fs.rmSync(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(directory, { recursive: true, force: true });
    console.warn(`s3rver could not start (${(error as Error).message}): skipping the S3 store tests`);
    return null;
  }
}
