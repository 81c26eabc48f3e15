/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules and the wasm schema engine must be loaded by Node, not bundled.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "@prisma/schema-engine-wasm",
    "@node-rs/argon2",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
