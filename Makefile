# The two commands of the README: `make run` and `make test`. Both install what is missing first.
BUILD ?= build
DB ?= relief-demo.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

.PHONY: run test build setup web clean bench

setup:
	@bash scripts/setup

$(BUILD)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/relief serve --demo --db $(DB) --listen $(LISTEN)

test: build
	cd $(BUILD) && ctest --output-on-failure --timeout 900

bench: build
	bash bench/load.sh

clean:
	rm -rf $(BUILD)
