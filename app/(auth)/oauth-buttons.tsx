import { oauthProviders } from "~/server/auth/config";
import { signInWithProvider } from "./actions";
import { SubmitButton } from "~/app/_components/ui/submit-button";

/** One button per OAuth / OIDC provider switched on in settings; nothing when there are none. */
export function OAuthButtons() {
  const providers = oauthProviders();
  if (providers.length === 0) return null;
  return (
    <div className="grid gap-3">
      <div className="flex items-center gap-3 text-xs text-muted-foreground uppercase">
        <span className="h-px flex-1 bg-border" />
        or
        <span className="h-px flex-1 bg-border" />
      </div>
      {providers.map((provider) => (
        <form key={provider.id} action={signInWithProvider.bind(null, provider.id)}>
          <SubmitButton variant="outline" className="w-full" pendingText={`Opening ${provider.name}…`}>
            Continue with {provider.name}
          </SubmitButton>
        </form>
      ))}
    </div>
  );
}
