"""Messages of the programmes area to personal accounts (`nisi.core.messages.register`)."""
