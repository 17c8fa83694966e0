"""`make smoke`: the deployment in `deploy/` run for real on loopback ports, checked end to end.

nginx (with a site generated from `deploy/nginx.conf`) in front of two `dinghuo serve`
processes and a `dinghuo worker`, on PostgreSQL and Redis, in production mode. Run from the
repository root: `python -m deploy.smoke`.
"""
