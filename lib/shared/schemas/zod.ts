import { z } from "zod";

/**
 * zod, as every schema the browser also loads imports it. In the browser zod is
 * told not to compile validators: to find out whether it may, it calls
 * `Function("")`, which Parley's Content-Security-Policy refuses (no
 * 'unsafe-eval') and reports as a violation on every page. The server keeps the
 * faster compiled validators.
 */
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
