"""Dinghuo composition root: settings, app factory, schema assembly and command line."""
