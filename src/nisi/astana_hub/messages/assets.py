"""Messages of the assets area to personal accounts (`nisi.core.messages.register`)."""
