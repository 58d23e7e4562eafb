# The two commands of the README, plus lint. See tools/harness.py.
PYTHON ?= python3
SCALE ?= 1.0
DATA ?= tradein_bench
DATABASE ?= tradein_dev

.PHONY: demo test lint pot bench data screenshots

demo:  ## fresh database with the three add-ons and demo data, served on :8069
	$(PYTHON) tools/harness.py demo

test:  ## fresh database, install, run every test with pytest-odoo
	$(PYTHON) tools/harness.py test

lint:  ## ruff and pylint-odoo (OCA mandatory checks)
	$(PYTHON) tools/harness.py lint

pot:  ## update the .pot translation templates of the add-ons
	$(PYTHON) tools/harness.py pot

bench:  ## print the benchmark table (queries and time against baselines)
	$(PYTHON) tools/harness.py bench --database $(DATABASE) --data-database $(DATA)

screenshots:  ## run the browser tours, each saves docs/screenshots/<flow>.png
	$(PYTHON) tools/harness.py screenshots

data:  ## generated large data (100,000 serials at SCALE=1.0) in the database DATA
	$(PYTHON) tools/harness.py datagen --scale $(SCALE) --database $(DATA)
