"""Messages of the fees area to personal accounts (`nisi.core.messages.register`)."""
