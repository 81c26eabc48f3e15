/** What the login and sign-up forms get back from their server actions (never the password). */
export type LoginFormState = { error?: string; username?: string };

export type SignUpField = "username" | "displayName" | "password" | "_";
export type SignUpFormState = {
  errors?: Partial<Record<SignUpField, string>> & Record<string, string | undefined>;
  values?: { username: string; displayName: string };
};
