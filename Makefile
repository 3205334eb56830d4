# The project's commands (see README.md). Settings: scripts/env.sh.
.PHONY: setup demo test lint pg-start pg-stop

setup:
	bash scripts/setup

demo:
	bash scripts/demo

test:
	bash scripts/test

lint:
	bash scripts/setup && bash scripts/lint

pg-start:
	bash scripts/pg start

pg-stop:
	bash scripts/pg stop
