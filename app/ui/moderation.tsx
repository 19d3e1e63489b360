import { Form } from "react-router";
import { Button, TextArea } from "./fields";

/** A moderator's two choices on something waiting: approve, or decline with a reason the person reads. */
export function ApproveOrDecline({ approve, declineLabel, error, reason }: { approve: string; declineLabel: string; error?: string; reason?: unknown }) {
  return (
    <>
      <Form method="post" className="mb-8">
        <input type="hidden" name="intent" value="approve" />
        <Button>{approve}</Button>
      </Form>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="decline" />
        <TextArea name="reason" label={declineLabel} rows={3} error={error} defaultValue={typeof reason === "string" ? reason : undefined} />
        <Button secondary>Decline</Button>
      </Form>
    </>
  );
}
