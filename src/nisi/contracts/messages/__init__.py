"""Messages of the contracts to personal accounts and the kinds of their deadlines, one module per area, and where
their records live on the site."""
