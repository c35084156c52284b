"""Messages of the participants area to personal accounts (`nisi.core.messages.register`)."""
