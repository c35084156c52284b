"""Who may do what with the contracts' records: each kind's policy joins the one authorization function
(`nisi.core.authz`). Each area of the app adds its kinds here."""
