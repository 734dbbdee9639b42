"""Community representative elections: secret ballots anyone can recount."""
