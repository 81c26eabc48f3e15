import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/signup-form";
import { getSessionUser } from "@/lib/server/auth/session";

export const metadata: Metadata = { title: "Sign up · Parley" };

export default async function SignUpPage() {
  if (await getSessionUser()) redirect("/");
  return <SignUpForm />;
}
