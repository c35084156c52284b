"""Contracts aimed at industrial development (IP-46 … IP-49, IP-48-1), systemic enterprises (IP-47-1, IP-11.3) and
domestic value development programmes (IP-61-1): the yearly cycle of large customers' procurement plans, the
published lists of goods planned for purchase, manufacturers' applications, off-take contracts and guaranteed
purchase agreements, offsets, and the domestic value of purchases against the register as it stood."""
