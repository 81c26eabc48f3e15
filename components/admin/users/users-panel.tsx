"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { ErrorNotice } from "@/components/admin/error-notice";
import { SectionHeader } from "@/components/admin/section-header";
import { StatusLine } from "@/components/admin/status-line";
import type { ConsoleUser, UsersPage } from "@/components/admin/types";
import { useDebounced } from "@/components/admin/use-debounced";
import { UserActionDialog } from "@/components/admin/users/user-action-dialog";
import type { UserActionKind } from "@/components/admin/users/user-actions";
import type { UserSortKey } from "@/components/admin/users/users-table";
import { UsersTable } from "@/components/admin/users/users-table";
import { UserCardDialog } from "@/components/profile/user-card";
import { buttonVariants } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useHttp } from "@/lib/client/use-http";

const PAGE_SIZE = 25;

export function UsersPanel() {
  const id = useId();
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<{ key: UserSortKey; order: "asc" | "desc" }>({ key: "createdAt", order: "desc" });
  const [page, setPage] = useState(1);
  const [acting, setActing] = useState<{ kind: UserActionKind; user: ConsoleUser } | null>(null);
  const [carded, setCarded] = useState<ConsoleUser | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const settledQuery = useDebounced(query.trim());

  const params = new URLSearchParams({ query: settledQuery, sort: sort.key, order: sort.order, page: String(page), pageSize: String(PAGE_SIZE) });
  const { data, error, isValidating, mutate } = useHttp<UsersPage>(`/api/admin/users?${params}`);
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <div className="flex flex-col gap-3">
      <SectionHeader title="Users">
        <span className="text-sm text-muted-foreground">{data ? `${data.total} ${data.total === 1 ? "user" : "users"}` : ""}</span>
      </SectionHeader>
      <form role="search" onSubmit={(e) => e.preventDefault()} className="flex max-w-md flex-col gap-1">
        <Label htmlFor={`${id}-q`}>Search users</Label>
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          placeholder="Username or display name"
          onChange={(e) => {
            setQuery(e.target.value);
            setPage(1);
          }}
          className={inputClass}
        />
      </form>
      <StatusLine text={done ?? (isValidating ? "Loading users…" : null)} tone={done ? "success" : "neutral"} />
      {error ? <ErrorNotice error={error} onRetry={() => void mutate()} /> : null}
      {data && data.users.length === 0 ? <p className="text-sm">No users match “{settledQuery}”. Try part of a username or display name.</p> : null}
      {data && data.users.length > 0 ? (
        <UsersTable
          users={data.users}
          sort={sort}
          page={page}
          pages={pages}
          busy={isValidating}
          onSort={(next) => {
            setSort(next);
            setPage(1);
          }}
          onPage={setPage}
          onCard={setCarded}
          onAction={(kind, user) => {
            setDone(null);
            setActing({ kind, user });
          }}
        />
      ) : null}
      {carded ? (
        <UserCardDialog open userId={carded.id} profile={carded} online={carded.online} onClose={() => setCarded(null)}>
          <div className="flex flex-wrap gap-2">
            <Link href={`/admin/messages?username=${encodeURIComponent(carded.username)}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
              Messages by @{carded.username}
            </Link>
          </div>
        </UserCardDialog>
      ) : null}
      {acting ? (
        <UserActionDialog
          key={`${acting.kind}-${acting.user.id}`}
          kind={acting.kind}
          user={acting.user}
          onClose={() => setActing(null)}
          onDone={(sentence) => {
            setActing(null);
            setDone(sentence);
          }}
        />
      ) : null}
    </div>
  );
}
