import "server-only";
import { sendWelcomeEmail } from "./send-welcome-email";

/** Every job the workers run. A new job is one file beside this one plus one line here. */
export const jobs = [sendWelcomeEmail];
