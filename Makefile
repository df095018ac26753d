# The two commands of the README, and a few for developers.
.PHONY: run test lint format messages bench

run:        ## install, load demo data on first start, serve on http://127.0.0.1:8000
	bash scripts/run.sh

test:       ## install, start what the tests need, run the whole suite on SQLite and PostgreSQL
	bash scripts/test.sh

lint:
	uv run ruff check . && uv run ruff format --check .

format:
	uv run ruff check --fix . && uv run ruff format .

messages:   ## refresh the German and English catalogues after changing texts
	uv run davor makemessages -l de -l en --ignore '.venv/*' --ignore 'var/*' && uv run davor compilemessages --ignore '.venv/*'
