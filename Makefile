# Rehearse — `make run` to build and open the app, `make test` to run every check.
# Both install the system packages they need first (scripts/deps.sh).

GO       ?= go
BIN      := bin/rehearse
# TESTFLAGS adds go test flags, e.g. TESTFLAGS=-count=1 to ignore cached results.
TESTFLAGS ?=
export LANG := en_US.UTF-8
export CGO_ENABLED := 1
# The version lives in cmd/rehearse/FyneApp.toml (embedded in the binary);
# the commit is stamped here.
COMMIT   := $(shell git describe --tags --always --dirty 2>/dev/null || echo unknown)
LDFLAGS  := -X main.commit=$(COMMIT)

.PHONY: run build test vet bench deps deps-test screenshots clean package package-check lint-packaging

run: build
	./$(BIN)

build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/rehearse

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

vet:
	$(GO) vet ./...

test: deps-test lint-packaging
	$(GO) vet ./...
	$(GO) test -race -timeout 20m $(TESTFLAGS) ./...

bench: deps-test
	$(GO) test -run '^$$' -bench . -benchmem -timeout 30m ./...

screenshots: build
	scripts/screenshots.sh

# Release artifacts for this OS in dist/ (scripts/package.sh).
package:
	@scripts/deps.sh package
	scripts/package.sh

# Builds the .deb and checks it: lintian, and apt-get install -s on this system.
package-check: deps-test package
	scripts/package-check.sh

# The cheap packaging checks make test runs: workflows, .desktop file, AppStream metadata.
lint-packaging: deps-test
	scripts/lint-packaging.sh

clean:
	rm -rf bin dist
