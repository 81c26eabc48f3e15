export const INPUT_DIRS: string[];
export const INPUT_FILES: string[];
export const STAMP_FILE: string;
export function inputsHash(root: string, environment?: Record<string, string | undefined>): { hash: string; files: number };
export function readStamp(root: string): { hash: string; builtAt?: string } | null;
export function writeStamp(root: string, hash: string): void;
export function removeStamp(root: string): void;
export function ensureBuild(options: {
  root: string;
  build: () => void;
  force?: boolean;
  log?: (line: string) => void;
  environment?: Record<string, string | undefined>;
}): { built: boolean; hash: string };
