"""Pure rules of IP-25 … IP-42: no database, no clock; each cites its provision."""
