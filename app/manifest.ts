import type { MetadataRoute } from "next";

/**
 * Served at /manifest.webmanifest and linked from every page by Next. The
 * manifest has no dark variant, so its colours match the light theme and the
 * light/dark pair lives in the root layout's `viewport.themeColor` (meta tags
 * with media queries), which installed apps follow once a page has loaded.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Parley",
    short_name: "Parley",
    description: "Self-hosted real-time chat for communities and teams.",
    lang: "en",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#ffffff",
    categories: ["social", "communication"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
