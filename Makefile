# coop - build, test and benchmark.  `make` builds ./coop; `make check` runs
# every test; `make check SANITIZE=1` runs them under ASan and UBSan.

CC      ?= cc
# -ffp-contract=off: no fused multiply-add, so the compiled code and the tree
# evaluator round alike on every machine and compiler
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -ffp-contract=off
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
OPT     ?= -O2 -g
BISON   ?= bison
FLEX    ?= flex

ifeq ($(SANITIZE),1)
B       := build/san
OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDSAN   := -fsanitize=address,undefined
COOP    := $(B)/coop
else
B       := build
COOP    := ./coop
endif

CFLAGS  += $(CSTD) $(WARN) $(OPT)
# the library sees its own headers and the generated ones; the program only include/
LIB_CFLAGS := $(CFLAGS) -Iinclude -Isrc -I$(B)/gen
CLI_CFLAGS := $(CFLAGS) -Iinclude
LDLIBS  += -lm

# every src/*.c is the library; the program is cli/*.c
LIB_SRC := $(wildcard src/*.c)
LIB_OBJ := $(patsubst src/%.c,$(B)/obj/%.o,$(LIB_SRC)) $(B)/obj/coop.tab.o $(B)/obj/coop.lex.o
CLI_SRC := $(wildcard cli/*.c)
CLI_OBJ := $(patsubst cli/%.c,$(B)/cli/%.o,$(CLI_SRC))
GEN     := $(B)/gen/coop.tab.c $(B)/gen/coop.tab.h $(B)/gen/coop.lex.c $(B)/gen/coop.lex.h

TEST_SRC := $(wildcard tests/test_*.c) tests/main.c
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

.PHONY: all check check-all unit golden bad examples-test limits cli repl pty docs bench clean
all: $(COOP)

$(B)/gen/coop.tab.c $(B)/gen/coop.tab.h: grammar/coop.y | $(B)/gen
	$(BISON) -Wall -Werror -d -o $(B)/gen/coop.tab.c $<

$(B)/gen/coop.lex.c $(B)/gen/coop.lex.h: grammar/coop.l | $(B)/gen
	$(FLEX) --header-file=$(B)/gen/coop.lex.h -o $(B)/gen/coop.lex.c $<

HDRS    := $(wildcard src/*.h) include/coop.h

$(B)/obj/coop.tab.o: $(B)/gen/coop.tab.c $(B)/gen/coop.lex.h $(HDRS) | $(B)/obj
	$(CC) $(LIB_CFLAGS) -Wno-missing-prototypes -c -o $@ $<
$(B)/obj/coop.lex.o: $(B)/gen/coop.lex.c $(B)/gen/coop.tab.h $(HDRS) | $(B)/obj
	$(CC) $(LIB_CFLAGS) -Wno-missing-prototypes -Wno-unused-function -Wno-sign-compare -Wno-shadow -c -o $@ $<

$(B)/obj/%.o: src/%.c $(GEN) $(HDRS) | $(B)/obj
	$(CC) $(LIB_CFLAGS) -c -o $@ $<

$(B)/cli/%.o: cli/%.c $(wildcard cli/*.h) include/coop.h | $(B)/cli
	$(CC) $(CLI_CFLAGS) -c -o $@ $<

$(B)/libcoop.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

# only the command-line tool links GNU readline (cli/repl.c); the library does not
$(COOP): $(CLI_OBJ) $(B)/libcoop.a
	$(CC) $(OPT) $(LDSAN) -o $@ $^ -lreadline $(LDLIBS)

$(B)/test_coop: $(TEST_SRC) $(wildcard tests/*.h) $(B)/libcoop.a
	$(CC) $(LIB_CFLAGS) $(CHECK_CFLAGS) -Wno-missing-prototypes -o $@ $(TEST_SRC) $(B)/libcoop.a $(LDSAN) $(CHECK_LIBS) $(LDLIBS)

$(B)/gen $(B)/obj $(B)/cli:
	mkdir -p $@

# ---- tests ----
check: unit golden bad examples-test limits cli repl pty docs
	@echo "make check: all suites passed"

# Every test: the normal build, then again under AddressSanitizer and
# UndefinedBehaviorSanitizer.  This is the README's test command.
check-all:
	$(MAKE) --no-print-directory check
	$(MAKE) --no-print-directory check SANITIZE=1

unit: $(B)/test_coop
	cd tests && CK_DEFAULT_TIMEOUT=60 ../$(B)/test_coop

golden: $(COOP)
	sh tests/golden.sh $(COOP) tests/golden

bad: $(COOP)
	sh tests/golden.sh $(COOP) tests/bad

examples-test: $(COOP)
	$(COOP) test examples/

limits: $(COOP)
	sh tests/limits.sh $(COOP)

cli: $(COOP)
	sh tests/cli.sh $(COOP)

# scripted sessions (stdin not a terminal), then one through a real terminal
repl: $(COOP)
	sh tests/repl.sh $(COOP) tests/repl

pty: $(COOP)
	sh tests/pty.sh $(COOP)

# the REPL sessions the docs show are what coop prints
DOCS_SESSIONS := README.md docs/tutorial.md docs/repl.md
docs: $(COOP)
	sh tests/docs.sh $(COOP) $(DOCS_SESSIONS)

# Rewrites the expected output of golden, bad and repl tests, and the REPL
# sessions the docs show, from the current
# build: review the diff before committing it.
golden-update: $(COOP)
	UPDATE=1 sh tests/golden.sh $(COOP) tests/golden
	UPDATE=1 sh tests/golden.sh $(COOP) tests/bad
	UPDATE=1 sh tests/repl.sh $(COOP) tests/repl
	UPDATE=1 sh tests/docs.sh $(COOP) $(DOCS_SESSIONS)

-include bench/bench.mk

clean:
	rm -rf build coop
