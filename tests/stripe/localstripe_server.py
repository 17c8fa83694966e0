"""Runs localstripe (a fake Stripe API server) on 127.0.0.1 at the port given, without the
pickle file its stock command writes to the temporary folder."""

import sys

from aiohttp import web
from localstripe import resources, server

resources.Store.dump_to_disk = lambda self: None

if __name__ == "__main__":
    web.run_app(server.app, host="127.0.0.1", port=int(sys.argv[1]), print=None)
