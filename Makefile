# coop - build, test, install and benchmark.
#
#   make                      ./coop and build/libcoop.a
#   make check                every test suite once
#   make check-all            check, then check again under ASan + UBSan, then the Slurm
#                             sweep (the README's test command)
#   make check SANITIZE=1     the suites under ASan + UBSan, built in build/san/
#   make check TSAN=1         the unit tests under ThreadSanitizer, built in build/tsan/
#   make coverage             the suites on a --coverage build (build/cov/), then line and
#                             branch coverage of every src/*.c
#   make fuzz                 the libFuzzer targets of tests/fuzz/ (clang), built in build/fuzz/;
#                             make fuzz-run runs each for FUZZ_TIME seconds (tests/fuzz/fuzz.mk)
#   make install / uninstall  PREFIX, DESTDIR, BINDIR, LIBDIR, INCLUDEDIR, MANDIR, PKGCONFIGDIR
#   make deps                 installs the Debian packages of .ci/packages (sh .ci/deps)
#
# CFLAGS, CPPFLAGS, LDFLAGS and LDLIBS are the user's: they are added to the
# flags the project needs, never replace them (make CFLAGS=-O0 builds).
# WERROR=0 builds without -Werror.
#
# make -j2 check runs two suites at a time; each rule's output is printed
# whole when it ends (--output-sync), never interleaved with another's.

MAKEFLAGS += --output-sync=target

CC       ?= cc
AR       ?= ar
LD       ?= ld
OBJCOPY  ?= objcopy
NM       ?= nm
BISON    ?= bison
FLEX     ?= flex
PKG_CONFIG ?= pkg-config
INSTALL  ?= install
FUZZ_CC  ?= clang

WERROR   ?= 1

# ---- build mode: one output directory per mode ----
ifneq ($(filter 11,$(SANITIZE)$(TSAN) $(SANITIZE)$(FUZZ) $(TSAN)$(FUZZ)),)
$(error SANITIZE=1, TSAN=1 and FUZZ=1 cannot be combined)
endif
ifeq ($(SANITIZE),1)
B         := build/san
MODE_OPT  := -O1 -g -fno-omit-frame-pointer
MODE_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all
# the sanitizers distort time and memory: limits.sh checks every limit but
# measures no cost (tests/limits.sh's header)
LIMITS_ARGS := --sanitizer
else ifeq ($(TSAN),1)
B         := build/tsan
MODE_OPT  := -O1 -g
MODE_FLAGS := -fsanitize=thread
else ifeq ($(FUZZ),1)
# the library instrumented for libFuzzer (tests/fuzz/fuzz.mk), with clang
B         := build/fuzz
override CC := $(FUZZ_CC)
MODE_OPT  := -O1 -g -fno-omit-frame-pointer
MODE_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
else ifeq ($(COVERAGE),1)
B         := build/cov
MODE_OPT  := -O0 -g
MODE_FLAGS := --coverage
else
B         := build
MODE_OPT  := -O2 -g
MODE_FLAGS :=
endif
ifeq ($(B),build)
COOP     := ./coop
else
COOP     := $(B)/coop
endif

# The user's optimisation and debugging flags; the mode's default otherwise.
CFLAGS   ?= $(MODE_OPT)

# What the project needs whatever the user's flags.
# -ffp-contract=off: no fused multiply-add, so the compiled code and the tree
# evaluator round alike on every machine and compiler.
COOP_STD    := -std=c11 -D_POSIX_C_SOURCE=200809L -ffp-contract=off
COOP_WARN   := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ifneq ($(WERROR),0)
COOP_WARN   += -Werror
BISON_WERROR := -Werror
endif
COOP_CFLAGS := $(COOP_STD) $(COOP_WARN) $(MODE_FLAGS) -MMD -MP
# The library sees its own headers and the generated ones; the program and
# an installed library's users see only include/.
LIB_CPPFLAGS := -Iinclude -Isrc -I$(B)/gen
CLI_CPPFLAGS := -Iinclude

# compile: project flags first (include paths before the user's), user's after
COMPILE.lib  = $(CC) $(LIB_CPPFLAGS) $(CPPFLAGS) $(COOP_CFLAGS) -fvisibility=hidden $(CFLAGS)
COMPILE.cli  = $(CC) $(CLI_CPPFLAGS) $(CPPFLAGS) $(COOP_CFLAGS) $(CFLAGS)
COMPILE.test = $(CC) $(LIB_CPPFLAGS) $(CPPFLAGS) $(COOP_CFLAGS) $(CHECK_CFLAGS) -pthread \
               -Wno-missing-prototypes $(CFLAGS)
LINK         = $(CC) $(MODE_FLAGS) $(CFLAGS) $(LDFLAGS)

# ---- sources ----
# Every src/*.c is the library, with the generated parser and scanner; the
# program is cli/*.c.  Files added to or removed from src/ need no edit here.
LIB_SRC  := $(wildcard src/*.c)
LIB_OBJ  := $(patsubst src/%.c,$(B)/obj/%.o,$(LIB_SRC)) $(B)/obj/coop.tab.o $(B)/obj/coop.lex.o
GEN_H    := $(B)/gen/coop.tab.h $(B)/gen/coop.lex.h
CLI_SRC  := $(wildcard cli/*.c)
CLI_OBJ  := $(patsubst cli/%.c,$(B)/cli/%.o,$(CLI_SRC))
TEST_SRC := $(wildcard tests/test_*.c) tests/main.c
TEST_OBJ := $(patsubst tests/%.c,$(B)/tests/%.o,$(TEST_SRC))
DEPS     := $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d)

CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null || echo -lcheck)

.PHONY: all lib check check-all check-symbols unit golden bad examples-test limits cli repl \
        pty docs json slurm golden-update coverage install uninstall deps clean
.DELETE_ON_ERROR:

all: $(COOP) $(B)/libcoop.a

lib: $(B)/libcoop.a

# ---- generated parser and scanner ----
# Grouped targets (&:): one bison run makes both files, one flex run both
# of its, even under make -j.
$(B)/gen/coop.tab.c $(B)/gen/coop.tab.h &: grammar/coop.y
	@mkdir -p $(@D)
	$(BISON) -Wall $(BISON_WERROR) -d -o $(B)/gen/coop.tab.c grammar/coop.y

$(B)/gen/coop.lex.c $(B)/gen/coop.lex.h &: grammar/coop.l
	@mkdir -p $(@D)
	$(FLEX) --header-file=$(B)/gen/coop.lex.h -o $(B)/gen/coop.lex.c grammar/coop.l

# ---- the library ----
# Header dependencies come from -MMD (the .d files); on a clean build,
# nothing that may include a generated header compiles before it exists.
$(LIB_OBJ) $(TEST_OBJ): | $(GEN_H)

$(B)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(COMPILE.lib) -c -o $@ $<

$(B)/obj/coop.tab.o: $(B)/gen/coop.tab.c
	@mkdir -p $(@D)
	$(COMPILE.lib) -Wno-missing-prototypes -c -o $@ $<

$(B)/obj/coop.lex.o: $(B)/gen/coop.lex.c
	@mkdir -p $(@D)
	$(COMPILE.lib) -Wno-missing-prototypes -Wno-unused-function -Wno-sign-compare -Wno-shadow \
	    -c -o $@ $<

# The public archive: one relocatable object whose hidden symbols (all but
# COOP_API, see include/coop.h) are made local, so only coop_* is exported.
$(B)/obj/coop_all.o: $(LIB_OBJ)
	$(LD) -r -o $@ $(LIB_OBJ)
	$(OBJCOPY) --localize-hidden $@

$(B)/libcoop.a: $(B)/obj/coop_all.o
	rm -f $@
	$(AR) rcs $@ $<

# The unit tests call internal functions: the same objects, not localized.
$(B)/libcoop_internal.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

# Exported from libcoop.a: only coop_* names, and every COOP_API function.
# Only coop_ names are exported, every COOP_API call is, and the library
# never names stderr (it writes only to the FILE* a caller hands in).
check-symbols: $(B)/libcoop.a
	@export LC_ALL=C; \
	$(NM) -g --defined-only $(B)/libcoop.a | awk 'NF == 3 { print $$3 }' | sort -u >$(B)/symbols.txt; \
	bad=$$(grep -v '^coop_' $(B)/symbols.txt); \
	if [ -n "$$bad" ]; then \
	    echo "check-symbols: $(B)/libcoop.a exports names outside coop_:" $$bad >&2; exit 1; fi; \
	missing=$$(sed -n 's/^COOP_API[^(]*[^a-z0-9_]\(coop_[a-z0-9_]*\)(.*/\1/p' include/coop.h | \
	    sort -u | comm -23 - $(B)/symbols.txt); \
	if [ -n "$$missing" ]; then \
	    echo "check-symbols: COOP_API functions not exported:" $$missing >&2; exit 1; fi; \
	if $(NM) $(B)/libcoop.a | grep -q ' U stderr$$'; then \
	    echo "check-symbols: the library refers to stderr; it must never write there" >&2; exit 1; fi; \
	echo "check-symbols: $(B)/libcoop.a exports $$(wc -l <$(B)/symbols.txt) names, all coop_*, and never names stderr"

# ---- the program ----
# cli/ sees only include/coop.h and its own headers; it links the public
# archive.  Only the program links GNU readline (cli/repl.c).
$(B)/cli/%.o: cli/%.c
	@mkdir -p $(@D)
	$(COMPILE.cli) -c -o $@ $<

$(COOP): $(CLI_OBJ) $(B)/libcoop.a
	$(LINK) -o $@ $(CLI_OBJ) $(B)/libcoop.a -lreadline $(LDLIBS) -lm

# ---- unit tests ----
$(B)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(COMPILE.test) -c -o $@ $<

$(B)/test_coop: $(TEST_OBJ) $(B)/libcoop_internal.a
	$(LINK) -pthread -o $@ $(TEST_OBJ) $(B)/libcoop_internal.a $(CHECK_LIBS) $(LDLIBS) -lm

-include $(DEPS)

# Everything compiled or linked is rebuilt when the flags change (make, then
# make CFLAGS=-O0 or WERROR=0): $(B)/flags holds them, rewritten only when
# they differ.
BUILD_FLAGS = $(COMPILE.lib) | $(COMPILE.cli) | $(COMPILE.test) | $(LINK) | $(LDLIBS)
$(LIB_OBJ) $(CLI_OBJ) $(TEST_OBJ) $(COOP) $(B)/test_coop: $(B)/flags
$(B)/flags: FORCE
	@mkdir -p $(@D)
	@flags='$(subst ','\'',$(BUILD_FLAGS))'; \
	if [ "$$flags" != "$$(cat $@ 2>/dev/null)" ]; then printf '%s\n' "$$flags" >$@; fi

# Likewise the archives and programs are linked again when a source file is
# added or removed (the list of objects changes, not their times).
$(B)/obj/coop_all.o $(B)/libcoop_internal.a $(COOP) $(B)/test_coop: $(B)/objects
$(B)/objects: FORCE
	@mkdir -p $(@D)
	@list='$(LIB_OBJ) | $(CLI_OBJ) | $(TEST_OBJ)'; \
	if [ "$$list" != "$$(cat $@ 2>/dev/null)" ]; then printf '%s\n' "$$list" >$@; fi

# ---- tests ----
ifeq ($(TSAN),1)
# ThreadSanitizer watches the library's threads: the unit tests.
CHECK_SUITES := unit
else
# the longest first, so that under make -j2 the short ones fill in around them
CHECK_SUITES := check-symbols limits unit json docs golden bad examples-test cli repl pty
endif

check: $(CHECK_SUITES)
	@echo "make check: all suites passed"

# Every test: the normal build, then again under AddressSanitizer and
# UndefinedBehaviorSanitizer, then a sweep on a real Slurm (once: it tests
# coop sweep and merge as a cluster runs them).  This is the README's test
# command.
check-all:
	$(MAKE) --no-print-directory check
	$(MAKE) --no-print-directory check SANITIZE=1
	$(MAKE) --no-print-directory slurm

unit: $(B)/test_coop
	cd tests && CK_DEFAULT_TIMEOUT=60 ../$(B)/test_coop

golden: $(COOP)
	sh tests/golden.sh $(COOP) tests/golden

bad: $(COOP)
	sh tests/golden.sh $(COOP) tests/bad

examples-test: $(COOP)
	$(COOP) test examples/

limits: $(COOP)
	sh tests/limits.sh $(LIMITS_ARGS) $(COOP)

cli: $(COOP)
	sh tests/cli.sh $(COOP)

# scripted sessions (stdin not a terminal), then one through a real terminal
repl: $(COOP)
	sh tests/repl.sh $(COOP) tests/repl

pty: $(COOP)
	sh tests/pty.sh $(COOP)

# a single-node Slurm cluster started here (as root), a sweep's job array
# on it, merged, against one run (tests/slurm.sh)
slurm: $(COOP)
	sh tests/slurm.sh $(COOP)

# every example the docs show (commands, outputs, REPL sessions) is what coop prints
DOCS := README.md $(wildcard docs/*.md) docs/coop.1
# and it finds every wrong example of tests/docs_wrong.md, and nothing else
docs: $(COOP)
	sh tests/docs.sh $(COOP) $(DOCS)
	@sh tests/docs.sh $(COOP) tests/docs_wrong.md >$(B)/docs_wrong.out 2>&1; \
	if grep -q '^docs: 2 examples as shown (9 commands), 10 not$$' $(B)/docs_wrong.out; then \
	    echo "docs: tests/docs_wrong.md: 10 wrong examples found"; \
	else cat $(B)/docs_wrong.out; echo "docs: tests/docs_wrong.md: not the 10 wrong examples"; exit 1; fi

# every JSON line every command and example writes parses (jq)
json: $(COOP)
	sh tests/json.sh $(COOP)

# Rewrites the expected output of golden, bad and repl tests, and the REPL
# sessions the docs show, from the current
# build: review the diff before committing it.
golden-update: $(COOP)
	UPDATE=1 sh tests/golden.sh $(COOP) tests/golden
	UPDATE=1 sh tests/golden.sh $(COOP) tests/bad
	UPDATE=1 sh tests/repl.sh $(COOP) tests/repl
	UPDATE=1 sh tests/docs.sh $(COOP) $(DOCS)

# ---- coverage ----
# Runs the suites on the --coverage build (all of them, -k: a failure does
# not stop the others), then reports line and branch coverage of every
# src/*.c.  The report never fails the target; a failed test does.
coverage:
	rm -f build/cov/obj/*.gcda build/cov/cli/*.gcda build/cov/tests/*.gcda
	@st=0; $(MAKE) --no-print-directory -k COVERAGE=1 \
	    unit golden bad examples-test limits cli repl pty docs json || st=$$?; \
	sh tests/coverage.sh build/cov/obj $(LIB_SRC); \
	if [ $$st -ne 0 ]; then echo "make coverage: some tests failed" >&2; fi; \
	exit $$st

-include bench/bench.mk
include tests/fuzz/fuzz.mk

# ---- install ----
PREFIX       ?= /usr/local
DESTDIR      ?=
BINDIR       ?= $(PREFIX)/bin
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
MANDIR       ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
COOP_VERSION := $(shell sed -n 's/^.define COOP_VERSION "\(.*\)"/\1/p' include/coop.h)

# a directory below PREFIX is written ${prefix}/..., as pkg-config files do
pc_dir = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))

# regenerated every time: PREFIX and the directories may differ from the last run
$(B)/coop.pc: coop.pc.in include/coop.h FORCE
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(call pc_dir,$(LIBDIR))|g' \
	    -e 's|@INCLUDEDIR@|$(call pc_dir,$(INCLUDEDIR))|g' -e 's|@VERSION@|$(COOP_VERSION)|g' \
	    coop.pc.in >$@

FORCE:

INSTALLED := $(BINDIR)/coop $(LIBDIR)/libcoop.a $(INCLUDEDIR)/coop.h \
             $(PKGCONFIGDIR)/coop.pc $(MANDIR)/man1/coop.1

ifneq ($(B),build)
install:
	@echo "make install: installs the normal build: no SANITIZE, TSAN or COVERAGE" >&2; exit 2
else
install: all $(B)/coop.pc
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(LIBDIR)' '$(DESTDIR)$(INCLUDEDIR)' \
	    '$(DESTDIR)$(PKGCONFIGDIR)' '$(DESTDIR)$(MANDIR)/man1'
	$(INSTALL) -m 755 $(COOP) '$(DESTDIR)$(BINDIR)/coop'
	$(INSTALL) -m 644 $(B)/libcoop.a '$(DESTDIR)$(LIBDIR)/libcoop.a'
	$(INSTALL) -m 644 include/coop.h '$(DESTDIR)$(INCLUDEDIR)/coop.h'
	$(INSTALL) -m 644 $(B)/coop.pc '$(DESTDIR)$(PKGCONFIGDIR)/coop.pc'
	$(INSTALL) -m 644 docs/coop.1 '$(DESTDIR)$(MANDIR)/man1/coop.1'
endif

uninstall:
	rm -f $(foreach f,$(INSTALLED),'$(DESTDIR)$(f)')

# ---- dependencies ----
# Installs the Debian packages listed in .ci/packages (as root, or through
# sudo); does nothing when they are all installed.  Needs nothing built.
deps:
	sh .ci/deps

clean:
	rm -rf build coop
