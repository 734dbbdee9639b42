# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test js-test-deps test-sqlite test-postgresql install compile catalogs bench clean

run: install compile
	@mkdir -p var
	$(BIN)/portal-migrate development.ini
	@$(BIN)/portal-populate development.ini
	@echo ""
	@echo "  participation-portal: http://localhost:6543"
	@echo "  demo accounts: admin, manager-usivak, rep-usivak, partner-unhcr, protection-usivak, translator"
	@echo "  password for all of them: portal-demo"
	@echo "  demo voting codes (TRC Ušivak, Elections, the by-election now voting):"
	@echo "    DUS1A-22222 DUS1B-33333 DUS1C-44444 DUS1D-55555 DUS1E-66666"
	@echo ""
	$(BIN)/pserve development.ini

# SQLite always; PostgreSQL as well when PORTAL_TEST_DATABASE_URL is set.
test: install compile js-test-deps test-sqlite
	@if [ -n "$$PORTAL_TEST_DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgresql; \
	else echo "PORTAL_TEST_DATABASE_URL is not set: the PostgreSQL leg was not run"; fi

# ical.js (npm, test only) reads the activities' feeds back as Thunderbird and Nextcloud do
js-test-deps:
	cd plugins/activities/tests/js && npm ci --no-audit --no-fund --silent

test-sqlite:
	PORTAL_TEST_DATABASE_URL= $(BIN)/pytest $(PYTEST_ARGS)

test-postgresql:
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

install: $(STAMP)

$(STAMP): setup.cfg pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=23"
	$(BIN)/pip install --quiet -e ".[testing]"
	touch $(STAMP)

# Only compiled catalogs are loaded by the portal.
compile: install
	@$(BIN)/python -c "import glob; from babel.messages.mofile import write_mo; \
from babel.messages.pofile import read_po; \
[write_mo(open(po[:-3] + '.mo', 'wb'), read_po(open(po, 'rb'))) \
 for po in glob.glob('locale/*/LC_MESSAGES/*.po') + glob.glob('plugins/*/locale/*/LC_MESSAGES/*.po')]"

# Extract each package's messages into its own domain and update every language's catalog.
# domain:source folder:catalog folder (a plugin keeps its catalogs in its own package)
DOMAINS := portal:portal:locale noticeboard:plugins/noticeboard:plugins/noticeboard/locale \
	activities:plugins/activities:plugins/activities/locale \
	minutes:plugins/minutes:plugins/minutes/locale \
	elections:plugins/elections:plugins/elections/locale
LANGUAGES := ar fa fa_AF ps ur bn fr bs

catalogs: install
	@for spec in $(DOMAINS); do domain=$${spec%%:*}; rest=$${spec#*:}; dir=$${rest%%:*}; out=$${rest#*:}; \
		$(BIN)/pybabel extract -F babel.cfg -k _ -k gettext -k ngettext:1,2 -o $$out/$$domain.pot \
			--project=participation-portal --no-wrap --sort-by-file $$dir || exit 1; \
		for lang in $(LANGUAGES); do \
			if [ -f $$out/$$lang/LC_MESSAGES/$$domain.po ]; then \
				$(BIN)/pybabel update -D $$domain -i $$out/$$domain.pot -d $$out -l $$lang --no-wrap --no-fuzzy-matching; \
			else $(BIN)/pybabel init -D $$domain -i $$out/$$domain.pot -d $$out -l $$lang --no-wrap; fi; \
		done; \
	done

bench: install compile
	bench/run

clean:
	rm -rf $(VENV) var *.egg-info
	find locale plugins -name '*.mo' -delete
