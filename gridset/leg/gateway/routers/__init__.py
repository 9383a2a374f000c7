"""One router per resource: orders, offers, transactions, hubs."""
