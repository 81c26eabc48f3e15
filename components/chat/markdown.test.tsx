import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/chat/markdown";
import { MessageBody, mayBeMarkdown } from "@/components/chat/message-body";

const REL = 'rel="noopener noreferrer nofollow ugc"';

/** The rendered body, inside its wrapper; `bare` drops class attributes to compare structure. */
function render(body: string, { names = [] as string[], me = "me", bare = true } = {}) {
  const html = renderToStaticMarkup(<Markdown body={body} mentionNames={names} meUsername={me} />);
  const inner = /^<div[^>]*data-message-body="markdown"[^>]*>([\s\S]*)<\/div>$/.exec(html)?.[1];
  if (inner === undefined) throw new Error(`no wrapper: ${html}`);
  return bare ? inner.replace(/ class="[^"]*"/g, "") : inner;
}

/** The classes of the first `<tag>` in html. */
function classesOf(html: string, tag: string): string[] {
  return new RegExp(`<${tag} [^>]*class="([^"]*)"`).exec(html)?.[1]?.split(" ") ?? [];
}

/** Nothing that could run or fetch: no script, image, frame or handler attribute, and no link that is not http(s)/mailto. */
function expectInert(rendered: string) {
  // The copy button's own icon is the one svg allowed.
  const html = rendered.replace(/<button type="button" aria-label="Copy code"[^>]*><svg [^>]*aria-hidden="true"[^>]*>[\s\S]*?<\/svg><\/button>/g, "");
  expect(html).not.toMatch(/<(script|img|iframe|object|embed|svg|style|form|input)\b/i);
  expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?|mailto):/);
}

describe("Markdown: formatting", () => {
  it("renders bold, italic, strike and inline code", () => {
    expect(render("**b** *i* _j_ ~~s~~ `c`")).toBe("<p><strong>b</strong> <em>i</em> <em>j</em> <del>s</del> <code>c</code></p>");
    expect(classesOf(render("`c`", { bare: false }), "code")).toEqual(expect.arrayContaining(["font-mono", "bg-muted"]));
  });

  it("renders a fenced code block as monospace, scrollable, with its language and a copy button", () => {
    const html = render("```js\nconst a = 1;\n  b();\n```", { bare: false });
    expect(classesOf(html, "pre")).toEqual(expect.arrayContaining(["font-mono", "overflow-x-auto", "max-h-80", "overflow-y-auto"]));
    expect(html).toContain('<code class="language-js">const a = 1;\n  b();\n</code></pre>');
    expect(html).toMatch(/<button type="button" aria-label="Copy code"[^>]*>/);
  });

  it("renders quotes and lists", () => {
    expect(render("> quoted\n> on")).toBe("<blockquote>\n<p>quoted<br/>\non</p>\n</blockquote>");
    expect(classesOf(render("> q", { bare: false }), "blockquote")).toContain("border-l-4");
    expect(render("- a\n- b")).toBe("<ul>\n<li>a</li>\n<li>b</li>\n</ul>");
    expect(render("3. a\n4. b")).toBe('<ol start="3">\n<li>a</li>\n<li>b</li>\n</ol>');
    expect(classesOf(render("- a", { bare: false }), "ul")).toContain("list-disc");
    expect(classesOf(render("1. a", { bare: false }), "ol")).toContain("list-decimal");
  });

  it("keeps a single newline as a line break, and paragraphs apart", () => {
    expect(render("one\ntwo\n\nthree")).toBe("<p>one<br/>\ntwo</p>\n<p>three</p>");
  });

  it("turns headings into paragraphs, images into their alt text, and drops tables' markup", () => {
    expect(render("# Title\ntext")).toBe("<p>Title</p>\n<p>text</p>");
    expect(render("![a cat](https://example.com/cat.png) ![](https://example.com/x.png)")).toBe("<p>a cat https://example.com/x.png</p>");
    const table = render("| a | b |\n|---|---|\n| 1 | 2 |");
    expect(table).not.toMatch(/<t(able|r|d|h|body|head)\b/);
    expect(table.replace(/\s+/g, " ").trim()).toBe("a b 1 2");
    expect(render("a\n\n---\n\nb")).toBe("<p>a</p>\n\n<p>b</p>");
  });
});

describe("Markdown: links", () => {
  it("links bare URLs, www. and mailto: addresses, opening apart with the exact rel", () => {
    expect(render("see https://example.com/a?b=1 now")).toBe(
      `<p>see <a href="https://example.com/a?b=1" target="_blank" ${REL}>https://example.com/a?b=1</a> now</p>`,
    );
    expect(render("www.example.com")).toBe(`<p><a href="http://www.example.com" target="_blank" ${REL}>www.example.com</a></p>`);
    expect(render("mailto:a@b.c")).toBe(`<p>mailto:<a href="mailto:a@b.c" target="_blank" ${REL}>a@b.c</a></p>`);
    expect(render("[text](https://example.com/x)")).toBe(`<p><a href="https://example.com/x" target="_blank" ${REL}>text</a></p>`);
    expect(classesOf(render("[x](https://e.com)", { bare: false }), "a")).toEqual(expect.arrayContaining(["underline", "text-primary"]));
  });

  it("leaves every other scheme, and relative addresses, as text", () => {
    expect(render("ftp://x")).toBe("<p>ftp://x</p>");
    expect(render("[x](ftp://example.com/f)")).toBe("<p>x</p>");
    expect(render("[x](/settings) [y](#top)")).toBe("<p>x y</p>");
  });
});

describe("Markdown: hostile input", () => {
  const cases: Array<[string, string]> = [
    ["[x](javascript:alert(1))", "<p>x</p>"],
    ["[x](JavaScript:alert(1))", "<p>x</p>"],
    ["[x](&#106;avascript:alert(1))", "<p>x</p>"],
    ["[x](data:text/html,<script>alert(1)</script>)", "<p>x</p>"],
    ["[x](vbscript:msgbox(1))", "<p>x</p>"],
    ["[r]: javascript:alert(1)\n[x][r]", "<p>x</p>"],
    // An autolink of another scheme: its address as text.
    ["<javascript:alert(1)>", "<p>javascript:alert(1)</p>"],
    // Raw HTML is never markup: it shows as the text that was typed.
    ['<a href="javascript:alert(1)">x</a>', "<p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p>"],
    ["<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"],
    ["<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"],
    ["a <b onclick=alert(1)>b</b> c", "<p>a &lt;b onclick=alert(1)&gt;b&lt;/b&gt; c</p>"],
    ["**<svg onload=alert(1)>**", "<p><strong>&lt;svg onload=alert(1)&gt;</strong></p>"],
    ["> <img src=x onerror=alert(1)>", "<blockquote>\n<p>&lt;img src=x onerror=alert(1)&gt;</p>\n</blockquote>"],
    ["<iframe src=https://example.com></iframe>", "<p>&lt;iframe src=https://example.com&gt;&lt;/iframe&gt;</p>"],
    // No hot-linking: an image is its alt text.
    ["![i](http://x/y.png)", "<p>i</p>"],
    ["![i](javascript:alert(1))", "<p>i</p>"],
    ["[![i](http://x/y.png)](https://example.com)", `<p><a href="https://example.com" target="_blank" ${REL}>i</a></p>`],
  ];
  it.each(cases)("%j renders as %j", (body, html) => {
    const out = render(body);
    expect(out).toBe(html);
    expectInert(out);
  });

  it("lets through only the allowed attributes (the sanitizer): no ids, data- or aria- attributes from footnotes or task lists", () => {
    const html = render("a[^1] - [x] done\n\n[^1]: note\n\n- [x] done\n- [ ] todo");
    expect(html).not.toMatch(/\s(id|name|data-[a-z-]+|aria-[a-z]+|type|checked|disabled)=/);
    expect(html).toContain("<li> done</li>\n<li> todo</li>");
    expectInert(html);
  });

  it("keeps a payload inside a code block, or inline code, literal", () => {
    const block = render("```\n<script>alert(1)</script>\n[x](javascript:alert(1)) **b**\n```");
    expect(block).toContain("<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n[x](javascript:alert(1)) **b**\n</code></pre>");
    expectInert(block);
    expect(render("`<img src=x onerror=alert(1)>`")).toBe("<p><code>&lt;img src=x onerror=alert(1)&gt;</code></p>");
  });
});

describe("Markdown: mentions", () => {
  it("shows @name as a mention only for the names it was given, case-insensitively", () => {
    const html = render("hi @bob @Bob @carol @bobby x@bob", { names: ["bob"] });
    expect(html).toBe('<p>hi <span data-mention="bob">@bob</span> <span data-mention="bob">@Bob</span> @carol @bobby x@bob</p>');
  });

  it("shows no mention without names, nor inside code or links", () => {
    expect(render("hi @bob")).toBe("<p>hi @bob</p>");
    expect(render("`@bob` [@bob](https://e.com)", { names: ["bob"] })).toBe(`<p><code>@bob</code> <a href="https://e.com" target="_blank" ${REL}>@bob</a></p>`);
  });

  it("shows @here only when the message addresses here", () => {
    expect(render("@here now", { names: ["here"] })).toBe('<p><span data-mention="here">@here</span> now</p>');
    expect(render("@here now", { names: ["bob"] })).toBe("<p>@here now</p>");
  });

  it("highlights a mention of the reader more strongly", () => {
    const chip = (me: string) => /<span data-mention="bob" class="([^"]*)"/.exec(render("@bob", { names: ["bob"], me, bare: false }))?.[1];
    expect(chip("bob")).toContain("font-semibold");
    expect(chip("ada")).not.toContain("font-semibold");
    expect(chip("ada")).toContain("text-primary");
  });

  it("keeps a hostile @-string text", () => {
    const html = render("@<script>alert(1)</script>", { names: ["script"] });
    expect(html).toBe("<p>@&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  });
});

describe("MessageBody", () => {
  it("renders plain text before the Markdown code has loaded (and on the server)", () => {
    expect(renderToStaticMarkup(<MessageBody body={"**hi**\nthere"} meUsername="me" />)).toBe(
      '<p class="whitespace-pre-wrap wrap-anywhere" data-message-body="plain">**hi**\nthere</p>',
    );
  });

  it("never waits for Markdown when there is nothing in the text it would change", () => {
    for (const body of ["hello there", "see you at 5 o'clock, ok? (maybe)", "two\nlines", "well-known; 3.14 % 100 = pi", "évidemment 👩‍👩‍👧"]) {
      expect(mayBeMarkdown(body), body).toBe(false);
      // …because Markdown would show it the same: one paragraph of the same text, line for line.
      expect(render(body)).toBe(`<p>${body.replace(/'/g, "&#x27;").replace(/\n/g, "<br/>\n")}</p>`);
    }
  });

  it("waits for Markdown when the text has formatting, HTML, a link, an address or a mention", () => {
    const rich = [
      "**b**",
      "_i_",
      "~s~",
      "`c`",
      "[x](y)",
      "<b>",
      "&amp;",
      "a\\*b",
      "> q",
      "- a",
      "+ a",
      "# h",
      "1. a",
      "2) a",
      "a\n===",
      "    code",
      "a | b\n--|--",
    ];
    const links = ["https://e.com", "http://e.com", "www.e.com", "mailto:a@b.c", "a@b.c", "@bob"];
    for (const body of [...rich, ...links]) expect(mayBeMarkdown(body), body).toBe(true);
  });
});
