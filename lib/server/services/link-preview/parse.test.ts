import { describe, expect, it } from "vitest";
import { parsePreview } from "@/lib/server/services/link-preview/parse";

const URL_ = "https://news.example/articles/1";

describe("parsePreview", () => {
  it("prefers Open Graph, then Twitter cards, then <title> and meta description", () => {
    const og = `<head><title>T</title><meta name="twitter:title" content="Tw"><meta property="og:title" content="OG">
      <meta name="description" content="plain"><meta property="og:description" content="og desc">
      <meta property="og:site_name" content="News"><meta property="og:image" content="https://cdn.example/a.jpg"></head>`;
    expect(parsePreview(og, URL_)).toEqual({ title: "OG", description: "og desc", siteName: "News", imageUrl: "https://cdn.example/a.jpg" });

    const twitter = `<title>T</title><meta name='twitter:title' content='Tw'><meta name="twitter:description" content="tw desc">
      <meta name="description" content="plain"><meta name="twitter:image" content="img/b.png">`;
    expect(parsePreview(twitter, URL_)).toEqual({
      title: "Tw",
      description: "tw desc",
      siteName: null,
      imageUrl: "https://news.example/articles/img/b.png",
    });

    const plain = `<html><head><TITLE lang=en>  Just a
      title </TITLE><meta content="plain desc" name=description></head></html>`;
    expect(parsePreview(plain, URL_)).toEqual({ title: "Just a title", description: "plain desc", siteName: null, imageUrl: null });
  });

  it("decodes entities and never returns markup", () => {
    const html = `<title>Tom &amp; Jerry &#8212; <b>live</b> &eacute;t&#xE9; &hellip; &unknown;</title>
      <meta property="og:description" content="&lt;script&gt;x&lt;/script&gt; 5 &gt; 3">`;
    const preview = parsePreview(html, URL_);
    expect(preview.title).toBe("Tom & Jerry — live été … &unknown;");
    expect(preview.description).toBe("<script>x</script> 5 > 3");
  });

  it("ignores tags inside comments and scripts", () => {
    const html = `<!-- <meta property="og:title" content="commented"> --><script>"<meta property='og:title' content='js'>"</script>
      <meta property="og:title" content="real">`;
    expect(parsePreview(html, URL_).title).toBe("real");
  });

  it("caps lengths and refuses non-http images", () => {
    const html = `<meta property="og:title" content="${"t".repeat(500)}"><meta property="og:description" content="${"d".repeat(500)}">
      <meta property="og:site_name" content="${"s".repeat(500)}"><meta property="og:image" content="javascript:alert(1)">`;
    const preview = parsePreview(html, URL_);
    expect([...(preview.title ?? "")].length).toBe(200);
    expect([...(preview.description ?? "")].length).toBe(300);
    expect([...(preview.siteName ?? "")].length).toBe(100);
    expect(preview.title?.endsWith("…")).toBe(true);
    expect(preview.imageUrl).toBeNull();
  });

  it("returns nulls for a page with nothing to show", () => {
    expect(parsePreview("<p>hello</p>", URL_)).toEqual({ title: null, description: null, siteName: null, imageUrl: null });
  });
});
