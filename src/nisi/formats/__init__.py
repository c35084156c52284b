"""Formats Django does not ship: Kazakh (kk) numbers and dates as Kazakhstan writes them (FORMAT_MODULE_PATH)."""
