import { ArrowRight, MessageSquareText, ShieldCheck, Smartphone, Sparkles } from "lucide-react";
import Link from "next/link";
import { Button } from "~/app/_components/ui/button";
import { Card, CardContent } from "~/app/_components/ui/card";
import { getCurrentUser } from "~/app/_lib/session";

const valueProps = [
  {
    icon: MessageSquareText,
    title: "Answers you can check",
    text: "The shopping assistant answers from real product details and reviews, and shows where every answer came from.",
  },
  {
    icon: ShieldCheck,
    title: "An account that stays yours",
    text: "Passwords are hashed with Argon2id and repeated failed sign-ins are slowed down, so guessing gets nowhere.",
  },
  {
    icon: Smartphone,
    title: "Made for your phone",
    text: "Every page works on a small screen, in light or dark, following your device unless you choose otherwise.",
  },
];

const roadmap = [
  { status: "Available now", text: "Create an account, sign in, edit your profile and get a welcome email." },
  { status: "Next", text: "The catalog: browse, search and compare products." },
  { status: "Then", text: "The AI shopping assistant, with cited answers about anything in the catalog." },
];

export default async function HomePage() {
  const user = await getCurrentUser();
  return (
    <>
      <section className="border-b bg-gradient-to-b from-accent/60 to-background">
        <div className="mx-auto grid max-w-6xl gap-8 px-4 py-16 sm:px-6 sm:py-24">
          <p className="inline-flex w-fit items-center gap-2 rounded-full border bg-card px-3 py-1 text-sm text-muted-foreground">
            <Sparkles aria-hidden className="size-4 text-primary" />
            AI shopping assistant coming soon
          </p>
          <div className="grid max-w-3xl gap-5">
            <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-6xl">
              Find the right thing, without the guesswork.
            </h1>
            <p className="text-lg text-pretty text-muted-foreground sm:text-xl">
              Shopwise is a storefront with a built-in shopping assistant. Ask it what fits your needs and it answers
              from the product facts, not from marketing copy.
            </p>
          </div>
          <div className="flex flex-col gap-3 sm:flex-row">
            {user ? (
              <Button asChild size="lg">
                <Link href="/account">
                  Go to your account <ArrowRight aria-hidden />
                </Link>
              </Button>
            ) : (
              <>
                <Button asChild size="lg">
                  <Link href="/sign-up">
                    Create your free account <ArrowRight aria-hidden />
                  </Link>
                </Button>
                <Button asChild size="lg" variant="outline">
                  <Link href="/sign-in">Sign in</Link>
                </Button>
              </>
            )}
          </div>
        </div>
      </section>

      <section aria-labelledby="why-heading" className="mx-auto w-full max-w-6xl px-4 py-16 sm:px-6">
        <h2 id="why-heading" className="text-2xl font-semibold tracking-tight sm:text-3xl">
          Why shop with Shopwise
        </h2>
        <ul className="mt-8 grid gap-4 md:grid-cols-3">
          {valueProps.map(({ icon: Icon, title, text }) => (
            <li key={title}>
              <Card className="h-full">
                <CardContent className="grid gap-3">
                  <span className="grid size-10 place-items-center rounded-lg bg-accent text-accent-foreground">
                    <Icon aria-hidden className="size-5" />
                  </span>
                  <h3 className="font-semibold">{title}</h3>
                  <p className="text-sm text-muted-foreground">{text}</p>
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="roadmap-heading" className="border-t bg-muted/50">
        <div className="mx-auto grid max-w-6xl gap-8 px-4 py-16 sm:px-6 md:grid-cols-[1fr_2fr]">
          <div className="grid content-start gap-3">
            <h2 id="roadmap-heading" className="text-2xl font-semibold tracking-tight sm:text-3xl">
              What is here today
            </h2>
            <p className="text-muted-foreground">
              We are opening Shopwise one piece at a time. Everything you can click already works.
            </p>
          </div>
          <ol className="grid gap-3">
            {roadmap.map(({ status, text }) => (
              <li key={status} className="flex flex-col gap-1 rounded-lg border bg-card p-4 sm:flex-row sm:gap-4">
                <span className="w-32 shrink-0 text-sm font-semibold text-primary">{status}</span>
                <span className="text-sm">{text}</span>
              </li>
            ))}
          </ol>
        </div>
      </section>
    </>
  );
}
