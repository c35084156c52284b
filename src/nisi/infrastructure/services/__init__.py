"""Every write of the infrastructure register (`register`) and of the competitive selection of territorial
clusters (`selection`)."""
