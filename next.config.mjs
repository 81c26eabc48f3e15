/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules and the wasm schema engine must be loaded by Node, not bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "@prisma/schema-engine-wasm", "@node-rs/argon2"],
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() from next/navigation: /admin answers a plain user with a real 403 (app/forbidden.tsx).
  experimental: { authInterrupts: true },
};

export default nextConfig;
