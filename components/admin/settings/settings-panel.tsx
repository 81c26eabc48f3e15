"use client";

import { ErrorNotice } from "@/components/admin/error-notice";
import { SectionHeader } from "@/components/admin/section-header";
import { SettingsForm } from "@/components/admin/settings/settings-form";
import { SlowModeSection } from "@/components/admin/settings/slow-mode-section";
import { StatusLine } from "@/components/admin/status-line";
import type { ModerationSettings } from "@/components/admin/types";
import { useViewer } from "@/components/admin/viewer-context";
import { useHttp } from "@/lib/client/use-http";

export function SettingsPanel() {
  const viewer = useViewer();
  const { data, error, isLoading, mutate } = useHttp<{ settings: ModerationSettings }>("/api/admin/settings");
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <SectionHeader title="Settings" />
      <div className="flex flex-col gap-3">
        <StatusLine text={isLoading ? "Loading settings…" : null} />
        {error ? <ErrorNotice error={error} onRetry={() => void mutate()} /> : null}
        {data ? <SettingsForm initial={data.settings} canEdit={viewer.role === "admin"} /> : null}
      </div>
      <SlowModeSection />
    </div>
  );
}
