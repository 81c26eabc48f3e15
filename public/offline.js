/* The offline page's script (public/offline.html), kept out of the page so the page's
 * Content-Security-Policy can refuse every inline script. Loaded in <head>: the theme
 * must be set before first paint; the rest waits for the button to exist. */
try {
  // Same choice as the app (next-themes, key "parley-theme"): light, dark or follow the system.
  const choice = localStorage.getItem("parley-theme");
  if (choice === "dark" || choice === "light") document.documentElement.dataset.theme = choice;
} catch (_e) {}

document.addEventListener("DOMContentLoaded", () => {
  // The address bar still shows the page that failed, so reloading retries it.
  document.getElementById("retry").addEventListener("click", () => {
    location.reload();
  });
});
window.addEventListener("online", () => {
  location.reload();
});
// The network may be fine while the server is down: check quietly, reload once it answers.
setInterval(() => {
  fetch(location.href, { method: "HEAD", cache: "no-store", credentials: "same-origin" }).then(
    (response) => {
      if (response.status < 500) location.reload();
    },
    () => {},
  );
}, 5000);
