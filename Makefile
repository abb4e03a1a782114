# Switchyard — set-up, build, demo and tests on Debian (run as root on a fresh machine).
SHELL := /bin/bash
APT_PACKAGES := pkg-config libopenblas-dev libsqlite3-dev zlib1g-dev graphviz
SWIFT_BUILD_FLAGS ?=
BIN := .build/release/switchyard
DEMO_OUT ?= notebooks-out/demo

.PHONY: deps build demo test bench clean

## Install the system packages that are missing (apt-get update once, only when needed).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	swift build -c release $(SWIFT_BUILD_FLAGS)

## The main job on the bundled data.
demo: build
	@mkdir -p $(DEMO_OUT)
	$(BIN) stats ../shared/logs/receipt.xes.gz
	@echo "demo output: $(DEMO_OUT)"

test: deps
	swift test $(SWIFT_BUILD_FLAGS)

bench: build
	$(BIN) bench import ../shared/logs/receipt.xes.gz

clean:
	rm -rf .build
