// Account forms: one zod schema each, used by the page and the server.
import { z } from "zod";

// Long enough to resist guessing; no composition rules (NCSC guidance); a few known-bad ones refused.
const COMMON = new Set(["password123", "1234567890", "qwertyuiop", "password1234", "letmein123", "iloveyou12", "welcome123"]);
export const NewPassword = z.string()
  .min(1, "Enter a password")
  .min(10, "Your password must be at least 10 characters")
  .max(200, "Your password must be 200 characters or fewer")
  .refine((p) => !COMMON.has(p.toLowerCase()), "This password is too common: choose another");

const Email = z.string().trim().toLowerCase()
  .min(1, "Enter your email address")
  .max(254, "Your email address must be 254 characters or fewer")
  .pipe(z.email("Enter an email address like name@example.com"));

export const accountPurposes = [
  { value: "budget-holder", label: "I am looking for support, for myself or someone I help" },
  { value: "provider", label: "I run or work for a care provider or small local business" },
  { value: "community-organiser", label: "I run a community group or activity" },
] as const;

export const SignUpForm = z.object({
  name: z.string().trim().min(1, "Enter your name").max(100, "Your name must be 100 characters or fewer"),
  email: Email,
  password: NewPassword,
  purpose: z.enum(["budget-holder", "provider", "community-organiser"], { error: "Choose what you want to use Weave for" }),
});

export const LogInForm = z.object({
  email: Email,
  password: z.string().min(1, "Enter your password").max(200, "Enter a correct email address and password"),
});

export const ResetRequestForm = z.object({ email: Email });

export const ChangePasswordForm = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(200),
  newPassword: NewPassword,
});

export const ResetPasswordForm = z.object({ newPassword: NewPassword });

// Representatives

export const relationships = ["Family member", "Carer", "Friend", "Advocate", "Other"] as const;

export const InviteForm = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter their email address").max(254)
    .pipe(z.email("Enter an email address like name@example.com")),
  relationship: z.enum(relationships, { error: "Choose how they know you" }),
});

export const AcceptForm = z.object({
  code: z.string().trim().min(1, "Enter the code from the email").max(20, "Enter the code from the email, like K7MQ-2PXR"),
});

export const AppointeeForm = z.object({
  holderEmail: z.string().trim().toLowerCase().min(1, "Enter the budget holder's email address").pipe(z.email("Enter a real email address")),
  representativeEmail: z.string().trim().toLowerCase().min(1, "Enter the appointee's email address").pipe(z.email("Enter a real email address")),
  relationship: z.string().trim().min(1, "Say how the appointee is related to the person").max(100),
  legalBasis: z.string().trim().min(10, "Record the legal basis: for example a DWP appointeeship, a Lasting Power of Attorney or a Court of Protection order, with its reference").max(500),
});
