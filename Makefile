# Kindred. `make run` and `make test` install what is missing first.
SHELL := /bin/bash
export LANG := C.UTF-8
GO ?= go
BIN := build/kindred
FYNE := $(shell $(GO) env GOPATH)/bin/fyne
FUZZTIME ?= 10s

.PHONY: deps build run test bench fuzz package package-windows test-windows vet-darwin clean

deps:
	@.ci/install-deps

build: deps
	$(GO) build -o $(BIN) .

run: build
	./$(BIN)

test: build
	$(GO) vet ./...
	$(GO) test ./...
	.ci/fuzz $(FUZZTIME)
	.ci/smoke $(BIN)
	.ci/killtest $(BIN)
	.ci/vet-darwin
	@.ci/install-windows-deps
	.ci/package-windows
	.ci/windows-smoke build

# Every fuzz target for FUZZTIME each (make fuzz FUZZTIME=10m).
fuzz:
	.ci/fuzz $(FUZZTIME)

# Every benchmark, on the reference journal (kindred demo --people 200 --years 10 --seed 1),
# one package at a time so that no two benchmarks share the cores.
bench: deps
	mkdir -p build
	export KINDRED_BENCH_DIR=$$(mktemp -d) && trap 'rm -rf "$$KINDRED_BENCH_DIR"' EXIT && \
	set -o pipefail; $(GO) test -p 1 -run '^$$' -bench . -benchmem -timeout 60m ./... | tee build/bench.txt

package: deps
	mkdir -p build
	test -x $(FYNE) || $(GO) install fyne.io/tools/cmd/fyne@v1.7.3
	# fyne package bumps the build number in FyneApp.toml; keep the file as committed.
	cp FyneApp.toml build/FyneApp.toml.keep
	$(FYNE) package --os linux --release --name Kindred --icon assets/icon.png; \
	  status=$$?; cp build/FyneApp.toml.keep FyneApp.toml; exit $$status
	mkdir -p build && mv -f Kindred.tar.xz build/
	@echo "Desktop package: build/Kindred.tar.xz"

# build/Kindred.exe (the window) and build/kindred-cli.exe (the commands on a
# console), cross-built with mingw-w64: see .ci/package-windows.
package-windows:
	@.ci/install-windows-deps
	.ci/package-windows

# The Windows build under Wine 8 and Xvfb: every kind of command on a
# C:\Users\Zoë M\ journal, then the window on it sealed.
test-windows: package-windows
	.ci/windows-smoke build

# go vet for macOS of every package that builds without cgo.
vet-darwin:
	.ci/vet-darwin

clean:
	rm -rf build
