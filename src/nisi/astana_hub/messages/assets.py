"""Messages of the assets area to personal accounts (`nisi.core.messages.register`).

The Fund's accounts are its own: nothing here goes to participants (a fee payment's receipt is announced by the
fees area).
"""
