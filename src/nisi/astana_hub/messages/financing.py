"""Messages of the financing area to personal accounts (`nisi.core.messages.register`)."""
