"""The rules machinery: dated parameters, the provisions catalogue, the legal calendar, money and traces.

It knows nothing of the domain apps (import-linter keeps it so).
"""
