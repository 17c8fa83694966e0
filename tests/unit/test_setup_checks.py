"""Unsafe set-ups are refused before the service starts, one readable line per problem."""

import secrets
import sys

from dinghuo.settings import DEV_SECRET_KEY, Settings

STRONG = secrets.token_urlsafe(48)


def production(**overrides) -> Settings:
    values = {
        "environment": "production",
        "secret_key": STRONG,
        "smtp_url": "smtp://mail.example.com:587",
        "graphiql": False,
        "introspection": False,
        "database_url": "postgres://dinghuo@db/dinghuo",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


def test_a_careful_production_set_up_has_no_problems():
    assert production().check() == []
    assert production(redis_url="redis://127.0.0.1:6379/0").check(web_workers=4) == []


def test_the_default_and_guessable_secrets_are_refused_in_production():
    [default] = production(secret_key=DEV_SECRET_KEY).check()
    [guessable] = production(secret_key="ab" * 20).check()
    assert "SECRET_KEY" in default
    assert "SECRET_KEY" in guessable and "guessable" in guessable


def test_production_without_a_mail_server_needs_the_log_backend_chosen():
    [problem] = production(smtp_url="").check()
    assert "SMTP_URL" in problem
    assert production(smtp_url="", mail_backend="log").check() == []


def test_graphiql_and_introspection_must_be_chosen_in_production():
    values = {"environment": "production", "secret_key": STRONG, "mail_backend": "log"}
    problems = Settings(_env_file=None, **values).check()
    assert any(p.startswith("GRAPHIQL") for p in problems)
    assert any(p.startswith("INTROSPECTION") for p in problems)


def test_explicit_choices_from_the_environment_count(monkeypatch):
    monkeypatch.setenv("GRAPHIQL", "false")
    monkeypatch.setenv("INTROSPECTION", "true")
    values = {"environment": "production", "secret_key": STRONG, "mail_backend": "log"}
    assert Settings(_env_file=None, **values).check() == []


def test_several_web_workers_need_redis_and_a_database_server():
    settings = Settings(_env_file=None, database_url="sqlite://var/dinghuo.sqlite3")
    problems = settings.check(web_workers=2)
    assert len(problems) == 2
    assert any("REDIS_URL" in p for p in problems)
    assert any("SQLite" in p for p in problems)
    assert settings.check(web_workers=1) == []


def test_each_problem_is_one_line():
    settings = Settings(_env_file=None, environment="production", secret_key="short")
    problems = settings.check(web_workers=3)
    assert len(problems) >= 5
    assert all("\n" not in p for p in problems)


def test_the_worker_runs_inside_the_web_process_only_in_development_by_default():
    assert Settings(_env_file=None).worker_in_process() is True
    assert production().worker_in_process() is False
    assert production(run_worker_in_process=True).worker_in_process() is True


def test_redis_without_its_extra_installed_is_refused(monkeypatch):
    # A None entry in sys.modules is how Python marks a module as not importable.
    monkeypatch.setitem(sys.modules, "redis", None)
    settings = Settings(_env_file=None, redis_url="redis://127.0.0.1:6379/0")

    assert any("dinghuo[redis]" in problem for problem in settings.check())
