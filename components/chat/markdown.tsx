"use client";

import type { Element as HastElement } from "hast";
import { CheckIcon, CopyIcon } from "lucide-react";
import type { Paragraph, PhrasingContent, Root, RootContent, Text } from "mdast";
import { findAndReplace } from "mdast-util-find-and-replace";
import type { ComponentPropsWithoutRef, ReactNode } from "react";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Components, ExtraProps, Options } from "react-markdown";
import ReactMarkdown from "react-markdown";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { cn } from "@/components/ui/cn";

/**
 * A chat message's Markdown: **bold**, *italic*, ~~strike~~, `code`, fenced code, quotes,
 * lists and links (bare or [text](url), http/https/mailto only), plus `@name` mentions.
 * Heavy (react-markdown, remark, rehype): message-body.tsx loads it lazily.
 *
 * Never raw HTML: what the sender wrote as HTML is shown as the text they typed (it is
 * turned into text before anything renders), and the sanitizer allows only the elements
 * below. Headings become paragraphs and images their alt text (no hot-linking); anything
 * else outside the list (tables, rules, task-list boxes, footnote markup) is unwrapped to
 * its text.
 */

export const ALLOWED_ELEMENTS = ["p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "span"];
const LINK_PROTOCOLS = ["http", "https", "mailto"];
export const LINK_REL = "noopener noreferrer nofollow ugc";

const schema = {
  ...defaultSchema,
  tagNames: ALLOWED_ELEMENTS,
  attributes: { a: ["href"], code: [["className", /^language-./]], ol: ["start"], span: ["dataMention"] },
  protocols: { href: LINK_PROTOCOLS },
  required: {},
  ancestors: { li: ["ol", "ul"] },
};

/** Only absolute http:, https: and mailto: addresses are links; relative ones and every other scheme stay text. */
export function isLinkable(href: string | undefined): href is string {
  if (!href) return false;
  try {
    return LINK_PROTOCOLS.includes(new URL(href).protocol.slice(0, -1));
  } catch {
    return false;
  }
}

const blockParents = new Set(["root", "blockquote", "listItem"]);
type Parent = { type: string; children: RootContent[] };

/**
 * HTML becomes the text it was typed as (a paragraph of its own where it stood as a
 * block), headings become paragraphs, images their alt text (or address) as text.
 */
function remarkPlainBlocks() {
  const walk = (parent: Parent) => {
    parent.children = parent.children.map((node): RootContent => {
      if (node.type === "html") {
        const text: Text = { type: "text", value: node.value };
        return blockParents.has(parent.type) ? ({ type: "paragraph", children: [text] } satisfies Paragraph) : text;
      }
      if (node.type === "heading") return { type: "paragraph", children: node.children };
      if (node.type === "image") return { type: "text", value: node.alt || node.url };
      if (node.type === "imageReference") return { type: "text", value: node.alt || "" };
      return node;
    });
    for (const child of parent.children) if ("children" in child) walk(child as Parent);
  };
  return (tree: Root) => walk(tree as Parent);
}

const nameChar = /[a-z0-9_]/i;

/** A mention in the Markdown tree (its own node type: a text node would merge back into its neighbours). */
interface Mention {
  type: "mention";
  value: string;
  data: { hName: "span"; hProperties: { dataMention: string }; hChildren: [{ type: "text"; value: string }] };
}
declare module "mdast" {
  interface PhrasingContentMap {
    mention: Mention;
  }
}

/** `@name` of someone the message mentions (`@here` when "here" is among them) becomes a mention node: `<span data-mention>`. */
function remarkMentions({ names }: { names: readonly string[] }) {
  const byLower = new Map(names.map((name) => [name.toLowerCase(), name]));
  return (tree: Root) => {
    if (byLower.size === 0) return;
    findAndReplace(
      tree,
      [
        /@([a-z0-9_]{1,20})(?![a-z0-9_])/gi,
        (whole: string, name: string, match: { index: number; input: string }): PhrasingContent | false => {
          const before = match.input.charAt(match.index - 1);
          const known = byLower.get(name.toLowerCase());
          if (!known || nameChar.test(before) || before === "@") return false;
          return { type: "mention", value: whole, data: { hName: "span", hProperties: { dataMention: known }, hChildren: [{ type: "text", value: whole }] } };
        },
      ],
      { ignore: ["link", "linkReference"] },
    );
  };
}

/** Chat semantics: a single newline is a line break (what remark-breaks does, with the helper we already have). */
function remarkNewlineBreaks() {
  return (tree: Root) => {
    findAndReplace(tree, [/\r?\n|\r/g, () => ({ type: "break" })]);
  };
}

/** The text of a hast subtree: what a code block's copy button copies. */
function textOf(node: HastElement | HastElement["children"][number]): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

/** A fenced or indented code block: its text as typed (monospace, scrolls both ways), and a button that copies it. */
function CodeBlock({ node }: ComponentPropsWithoutRef<"pre"> & ExtraProps) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const code = node ? textOf(node).replace(/\n$/, "") : "";
  const first = node?.children.find((child) => child.type === "element");
  const language = first?.type === "element" ? (first.properties.className as string[] | undefined)?.find((c) => c.startsWith("language-")) : undefined;
  const copy = () => {
    void navigator.clipboard?.writeText(code).then(
      () => {
        setCopied(true);
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(() => setCopied(false), 2_000);
      },
      () => undefined,
    );
  };
  return (
    <div className="group/code relative my-1">
      <pre className="max-h-80 overflow-x-auto overflow-y-auto rounded-md border border-border bg-muted px-3 py-2 pr-10 font-mono text-[0.8125rem] leading-5 whitespace-pre">
        <code className={language}>{node ? textOf(node) : ""}</code>
      </pre>
      <div className="absolute top-1 right-1 flex items-center gap-1">
        <span aria-live="polite" className="text-xs text-muted-foreground">
          {copied ? "Copied" : ""}
        </span>
        <button
          type="button"
          aria-label="Copy code"
          title="Copy code"
          onClick={copy}
          className="rounded-md bg-background/80 p-1 text-muted-foreground outline-none hover:bg-background hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
        >
          {copied ? <CheckIcon aria-hidden="true" className="size-3.5" /> : <CopyIcon aria-hidden="true" className="size-3.5" />}
        </button>
      </div>
    </div>
  );
}

function components(meUsername: string): Components {
  const me = meUsername.toLowerCase();
  return {
    a: ({ href, children }) =>
      isLinkable(href) ? (
        <a href={href} target="_blank" rel={LINK_REL} className="text-primary underline underline-offset-2 wrap-anywhere hover:text-primary/80">
          {children}
        </a>
      ) : (
        children
      ),
    pre: CodeBlock,
    // Inline only: a block's <code> is written by CodeBlock.
    code: ({ children }) => <code className="rounded bg-muted px-1 py-0.5 font-mono text-[0.85em] whitespace-pre-wrap wrap-anywhere">{children}</code>,
    blockquote: ({ children }) => <blockquote className="my-1 border-l-4 border-border pl-3 text-muted-foreground">{children}</blockquote>,
    ul: ({ children }) => <ul className="my-1 list-disc pl-6">{children}</ul>,
    ol: ({ children, start }) => (
      <ol start={start} className="my-1 list-decimal pl-6">
        {children}
      </ol>
    ),
    strong: ({ children }) => <strong className="font-semibold">{children}</strong>,
    del: ({ children }) => <del className="line-through">{children}</del>,
    span: (props) => {
      const name = (props as { "data-mention"?: string })["data-mention"];
      if (!name) return <>{props.children}</>;
      const mine = name.toLowerCase() === me || name === "here";
      return (
        <span
          data-mention={name}
          className={cn("rounded px-0.5 font-medium", mine ? "bg-primary/20 text-primary font-semibold" : "bg-primary/10 text-primary")}
        >
          {props.children}
        </span>
      );
    },
  };
}

const rehypePlugins: Options["rehypePlugins"] = [[rehypeSanitize, schema]];

export function Markdown({ body, mentionNames, meUsername }: { body: string; mentionNames: readonly string[]; meUsername: string }): ReactNode {
  // In this order: HTML becomes text before mentions and line breaks are found in it.
  const remarkPlugins = useMemo(
    (): Options["remarkPlugins"] => [remarkGfm, remarkPlainBlocks, [remarkMentions, { names: mentionNames }], remarkNewlineBreaks],
    [mentionNames],
  );
  const mapped = useMemo(() => components(meUsername), [meUsername]);
  return (
    <div className="wrap-anywhere [&>*+*]:mt-1" data-message-body="markdown">
      <ReactMarkdown
        skipHtml
        allowedElements={ALLOWED_ELEMENTS}
        unwrapDisallowed
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={mapped}
      >
        {body}
      </ReactMarkdown>
    </div>
  );
}
