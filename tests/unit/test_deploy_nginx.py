"""The smoke run's nginx configuration is made from the shipped site, and nginx accepts it."""

import os
import shutil
import subprocess

import pytest

from deploy.smoke import nginx


def test_the_site_loses_only_tls_and_the_redirect():
    template = nginx.SITE.read_text(encoding="utf-8")

    text = nginx.site(template, 8180, [8181, 8182])

    assert "listen 127.0.0.1:8180;" in text
    assert "server 127.0.0.1:8181;" in text and "server 127.0.0.1:8182;" in text
    directives = [line.strip() for line in text.splitlines() if not line.strip().startswith("#")]
    assert not [line for line in directives if "ssl" in line or "443" in line]
    assert "listen 80" not in text and "return 301" not in text
    # What the run is there to check stays as shipped.
    for kept in (
        "proxy_set_header Upgrade $http_upgrade;",
        "location /webhooks/",
        "proxy_set_header X-Forwarded-For $remote_addr;",
        "client_max_body_size",
    ):
        assert text.count(kept) == template.count(kept), kept


def test_a_site_of_another_shape_stops_the_run():
    with pytest.raises(nginx.ShapeChanged):
        nginx.site("upstream dinghuo_web { server unix:/run/dinghuo.sock; }", 8180, [8181])


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_nginx_accepts_the_generated_configuration(tmp_path):
    config = nginx.write(tmp_path, 8180, [8181, 8182], os.geteuid() == 0)

    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "e.log")],
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 0, result.stderr
