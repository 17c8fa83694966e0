"""Webhook endpoints: verify the sender, then hand the event to the domain."""
