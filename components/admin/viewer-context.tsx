"use client";

import type { ReactNode } from "react";
import { createContext, useContext } from "react";
import type { Viewer } from "@/components/admin/types";

const ViewerContext = createContext<Viewer | null>(null);

/** Who is looking at the console, checked by the server layout; used to hide what they can't do. */
export function ViewerProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer outside the moderation console");
  return viewer;
}
