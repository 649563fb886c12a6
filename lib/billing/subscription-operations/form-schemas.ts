import { z } from "zod";
import { UpdateSubscriptionSchema } from "./schemas";

// The portal's subscription forms, shared by the browser and the routes that
// receive them. Pause, resume and cancel take the API's own body
// (SubscriberBodySchema in ./schemas.ts).

/** "Change card": the card it charges, one of its customer's, or "" for the customer's primary card at each charge. */
export const ChangeCardFormSchema = z.object({ card_id: UpdateSubscriptionSchema.shape.card_id.unwrap() });
export type ChangeCardForm = z.infer<typeof ChangeCardFormSchema>;
