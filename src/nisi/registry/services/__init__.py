"""Every write of the register: applications, decisions, the register itself, monitoring and appeals."""
