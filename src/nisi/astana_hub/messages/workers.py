"""Messages of the workers area to personal accounts (`nisi.core.messages.register`)."""
