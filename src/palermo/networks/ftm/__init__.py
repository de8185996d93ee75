"""FollowTheMoney for Palermo: the model with Palermo's extension, readers, the statement store and
export (docs/networks-model.md)."""
