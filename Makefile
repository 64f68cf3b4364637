# fincheck — build, demo and tests.  `make demo` and `make check` first make
# sure the build dependencies are installed (scripts/deps.sh: apt-get,
# idempotent, silent when all are present).

CC      ?= cc
PKGS    := yaml-0.1 expat zlib openssl jansson sqlite3 libpq libmicrohttpd xlsxwriter pangocairo libargon2
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
WARN    := -std=c17 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wshadow -Wvla
VERSION := 0.1.0
DEFS    := -D_GNU_SOURCE -DFC_VERSION='"$(VERSION)"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
B       ?= build
SAN     ?=

LIB_SRC := $(sort $(wildcard src/core/*.c src/engine/*.c src/parse/*.c src/check/*.c \
             src/report/*.c src/store/*.c src/web/*.c src/cli/cli.c))
# a real area file replaces its stub: drop stub_X.c when X.c exists
LIB_SRC := $(filter-out $(foreach s,$(LIB_SRC),$(if $(filter stub_%,$(notdir $(s))),\
             $(if $(wildcard $(dir $(s))$(patsubst stub_%,%,$(notdir $(s)))),$(s)))),$(LIB_SRC))
LIB_OBJ := $(patsubst %.c,$(B)/%.o,$(LIB_SRC)) $(B)/gen/embedded.o
# subcommands are linked as objects (not from the archive) so that main.c's
# weak references see exactly the commands this tree has
CMD_OBJ := $(patsubst %.c,$(B)/%.o,$(sort $(wildcard src/cli/cmd_*.c)))
CATALOG := $(sort $(wildcard catalog/*.yaml catalog/*/*.yaml))
ASSETS  := $(sort $(wildcard assets/*))

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRC))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

ALL_CFLAGS = $(WARN) $(DEFS) $(CFLAGS) $(SAN) $(PKG_CFLAGS)

.PHONY: all deps demo check test unit cli asan-check fuzz fuzz-replay corpus clean bench lint

all: fincheck

fincheck: $(B)/fincheck
	@cp $< $@

$(B)/fincheck: $(B)/src/cli/main.o $(CMD_OBJ) $(B)/libfincheck.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/libfincheck.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -o $@ $<

# catalog/*.yaml and assets/* are compiled into the binary: no data files to
# install, no network, the same catalog everywhere.
$(B)/gen/embedded.c: $(B)/tools/embed $(CATALOG) $(ASSETS)
	@mkdir -p $(dir $@)
	$(B)/tools/embed $@ $(CATALOG) $(ASSETS)

$(B)/gen/embedded.o: $(B)/gen/embedded.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/unit/%.c tests/unit/t.h $(B)/libfincheck.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(B)/libfincheck.a $(PKG_LIBS)

deps:
	@sh scripts/deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	./fincheck assess examples/demo --as-of 2026-11-01 --out out/demo

unit: $(UNIT_BIN)

check: deps
	@$(MAKE) --no-print-directory all unit
	@$(MAKE) --no-print-directory B=build/asan OPT=-O1 \
	  SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  build/asan/fincheck unit-asan
	@$(MAKE) --no-print-directory B=build/tsan OPT=-O1 SAN="-fsanitize=thread -fno-omit-frame-pointer" \
	  build/tsan/tests/test_logs build/tsan/tests/test_torture
	@sh tests/run.sh

unit-asan: $(patsubst tests/unit/%.c,build/asan/tests/%,$(UNIT_SRC))

# libFuzzer harnesses (clang): make fuzz FUZZ=csv SECONDS=600
FUZZ    ?= all
SECONDS ?= 60
fuzz:
	@sh tests/fuzz/run.sh $(FUZZ) $(SECONDS)

bench: all
	@sh bench/run-all.sh

lint:
	@sh scripts/lint.sh

clean:
	rm -rf build fincheck out

-include $(shell find $(B) -name '*.d' -type f 2>/dev/null)
