# s2pU: `make run` to try the site, `make test` before every change. `make help` lists the rest.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The address mails, the sitemap and the Wagtail Site record use: the one `make run` serves.
export PUBLIC_BASE_URL ?= http://$(HOST):$(PORT)

.DEFAULT_GOAL := help
.PHONY: help install run migrate demo admin test pytest lint format messages compilemessages bench throughput clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(BIN)/activate

install: $(BIN)/activate ## Create .venv and install requirements-dev.txt (the site's requirements.txt and the test tools)

compilemessages: install ## Compile locale/*.po into .mo files
	$(MANAGE) compilemessages --ignore=.venv -v0

migrate: compilemessages ## Apply database migrations
	$(MANAGE) migrate --noinput -v0

demo: migrate ## Load the demo content in nb, uk and en (only what is missing)
	$(MANAGE) load_demo

admin: migrate ## Create the admin user once and print its login
	$(MANAGE) create_admin

# The task workers run beside the web server, one per queue (TASK_QUEUES in config/settings/base.py):
# Wagtail's background jobs, and mail from the outbox. They stop with it: Ctrl-C reaches all three,
# and the trap also ends the workers if runserver exits by itself.
run: demo admin ## Install, migrate, load demo content, print the admin login, serve on http://127.0.0.1:8000 with the task workers
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/); the mail worker writes mail to $${VAR_DIR:-var}/mail/"
	@$(MANAGE) db_worker --queue-name default & jobs=$$!; \
	$(MANAGE) db_worker --queue-name mail & mail=$$!; \
	trap 'kill $$jobs $$mail 2>/dev/null; wait $$jobs $$mail 2>/dev/null' EXIT INT TERM HUP; \
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install ## ruff, ruff format --check, djhtml --check, manage.py check, makemigrations --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run --noinput

format: install ## Rewrite code and templates in the house style
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# Without ARGS: the tests that need no browser on two processes, then the browser tests, which share
# one live server and one Chromium, in one; each run ends with its slowest tests, so that drift shows.
# With ARGS: pytest with those arguments only.
pytest: compilemessages ## Only the test suite (pass ARGS=... to pytest)
ifeq ($(strip $(ARGS)),)
	$(BIN)/pytest -n 2 -m "not e2e" --durations=15
	$(BIN)/pytest -m e2e --durations=10
else
	$(BIN)/pytest $(ARGS)
endif

test: lint pytest ## Everything a change must pass: lint, checks, unit and browser tests

messages: install ## Refresh locale/{nb,uk,en} from the code and templates, then translate the new entries
	$(MANAGE) makemessages -l nb -l uk -l en --no-location --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	$(MANAGE) compilemessages --ignore=.venv -v0

bench: demo ## Page speed: status, SQL queries, median CPU ms, bytes (see docs/performance.md)
	$(BIN)/python bench/pages.py

throughput: compilemessages ## Requests per second through gunicorn, with and without the page cache (needs ab)
	$(BIN)/python bench/throughput.py

clean: ## Remove the virtualenv and local data (database, media, mail)
	rm -rf $(VENV) var
