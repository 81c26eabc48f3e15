"use client";

import type { FormEvent } from "react";
import { useId, useState } from "react";
import { ErrorNotice } from "@/components/admin/error-notice";
import { DeleteMessageDialog } from "@/components/admin/messages/delete-message-dialog";
import { MessagesTable } from "@/components/admin/messages/messages-table";
import { SectionHeader } from "@/components/admin/section-header";
import { StatusLine } from "@/components/admin/status-line";
import type { ConsoleMessage } from "@/components/admin/types";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useHttp } from "@/lib/client/use-http";

type Search = { username: string; text: string; page: number };

export function MessagesPanel({ initialUsername = "" }: { initialUsername?: string }) {
  const id = useId();
  const [draft, setDraft] = useState({ username: initialUsername, text: "" });
  const [search, setSearch] = useState<Search>({ username: initialUsername, text: "", page: 1 });
  const [deleting, setDeleting] = useState<ConsoleMessage | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const params = new URLSearchParams({ text: search.text, page: String(search.page) });
  if (search.username) params.set("username", search.username);
  const { data, error, isValidating: loading, mutate } = useHttp<{ messages: ConsoleMessage[]; hasMore: boolean }>(`/api/admin/messages?${params}`);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setSearch({ username: draft.username.trim().replace(/^@/, ""), text: draft.text.trim(), page: 1 });
  };

  return (
    <div className="flex flex-col gap-3">
      <SectionHeader title="Messages" />
      <p className="text-sm text-muted-foreground">Direct messages and whispers are private: they appear here only when someone reports them.</p>
      <form role="search" aria-label="Search messages" onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor={`${id}-user`}>By user</Label>
          <input
            id={`${id}-user`}
            value={draft.username}
            onChange={(e) => setDraft({ ...draft, username: e.target.value })}
            placeholder="username"
            maxLength={21}
            className={inputClass}
          />
        </div>
        <div className="flex min-w-48 flex-1 flex-col gap-1">
          <Label htmlFor={`${id}-text`}>Containing text</Label>
          <input
            id={`${id}-text`}
            type="search"
            value={draft.text}
            onChange={(e) => setDraft({ ...draft, text: e.target.value })}
            maxLength={100}
            className={inputClass}
          />
        </div>
        <Button size="sm" type="submit" disabled={loading}>
          {loading ? "Searching…" : "Search"}
        </Button>
      </form>
      <StatusLine text={done ?? (loading ? "Searching messages…" : null)} tone={done ? "success" : "neutral"} />
      {error ? <ErrorNotice error={error} onRetry={() => void mutate()} /> : null}
      {data && data.messages.length === 0 ? <p className="text-sm">No messages match. Check the username, or search for fewer words.</p> : null}
      {data && data.messages.length > 0 ? (
        <MessagesTable
          messages={data.messages}
          page={search.page}
          hasMore={data.hasMore}
          busy={loading}
          onPage={(page) => setSearch({ ...search, page })}
          onDelete={(m) => {
            setDone(null);
            setDeleting(m);
          }}
        />
      ) : null}
      {deleting ? (
        <DeleteMessageDialog
          key={deleting.id}
          message={deleting}
          onClose={() => setDeleting(null)}
          onDone={(sentence) => {
            setDeleting(null);
            setDone(sentence);
          }}
        />
      ) : null}
    </div>
  );
}
