"""Messages of the governance area to personal accounts (`nisi.core.messages.register`)."""
