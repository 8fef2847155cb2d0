# bench/bench.mk - `make bench`, included by the top-level Makefile:
#
#     include bench/bench.mk
#
# Builds build/bench/{gen,hand,bench,bench_evshap,bench_flip,bench_sweep} and
# runs build/bench/bench, which compares coop with the same rule hand-written
# in C (see bench/README.md) and fails when coop is not under 7x the C or when
# the two disagree, then build/bench/bench_evshap (event Shapley values,
# timed), build/bench/bench_flip (flips of the benchmark model's tuples,
# timed) and build/bench/bench_sweep (a sweep's points a second, and -j 2's
# speed-up).
# build/libcoop.a comes from the top-level Makefile.  Paths are relative to
# the repository root, where make runs.  Every variable is prefixed BENCH_.

BENCH_SAVED_GOAL := $(.DEFAULT_GOAL)

BENCH_SRC     := bench
BENCH_OUT     := build/bench
BENCH_LIB     := build/libcoop.a
BENCH_CFLAGS  := -std=c11 -O2 -Wall -Wextra -Werror -Iinclude -I$(BENCH_SRC)
BENCH_LDLIBS  := -lm
BENCH_DATA    := $(BENCH_SRC)/bench_data.c $(BENCH_SRC)/bench_data.h
BENCH_PROGS   := $(BENCH_OUT)/gen $(BENCH_OUT)/hand $(BENCH_OUT)/bench $(BENCH_OUT)/bench_evshap $(BENCH_OUT)/bench_flip \
                 $(BENCH_OUT)/bench_sweep
# bench_evshap times an analysis no statement asks yet: it calls the
# library's internals, so it sees src/ and links the unlocalized archive.
BENCH_INTERNAL := build/libcoop_internal.a

.PHONY: bench bench-build
ifeq ($(SANITIZE),1)
# Timing a sanitizer build measures the sanitizer; build/libcoop.a is the
# optimised library.
bench:
	@echo "make bench: run it without SANITIZE=1" >&2; exit 2
else
bench: $(BENCH_PROGS) $(COOP)
	@st=0; $(BENCH_OUT)/bench || st=1; $(BENCH_OUT)/bench_evshap || st=1; $(BENCH_OUT)/bench_flip || st=1; \
	$(BENCH_OUT)/bench_sweep $(COOP) || st=1; exit $$st
endif

# Builds the programs without running anything.
bench-build: $(BENCH_PROGS)

$(BENCH_OUT)/gen: $(BENCH_SRC)/gen.c $(BENCH_DATA)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $(BENCH_SRC)/gen.c $(BENCH_SRC)/bench_data.c

$(BENCH_OUT)/hand: $(BENCH_SRC)/hand.c $(BENCH_SRC)/hand.h $(BENCH_DATA)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $(BENCH_SRC)/hand.c $(BENCH_SRC)/bench_data.c $(BENCH_LDLIBS)

$(BENCH_OUT)/bench: $(BENCH_SRC)/bench.c $(BENCH_SRC)/hand.c $(BENCH_SRC)/hand.h $(BENCH_DATA) \
                    $(BENCH_SRC)/bench_agg.c $(BENCH_SRC)/bench_agg.h \
                    $(BENCH_SRC)/bench_tender.c $(BENCH_SRC)/bench_tender.h \
                    $(BENCH_SRC)/bench_timeline.c $(BENCH_SRC)/bench_timeline.h \
                    $(BENCH_SRC)/bench_param.c $(BENCH_SRC)/bench_param.h include/coop.h $(BENCH_LIB)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -DBENCH_HAND_NO_MAIN -o $@ $(BENCH_SRC)/bench.c $(BENCH_SRC)/bench_agg.c \
	    $(BENCH_SRC)/bench_tender.c $(BENCH_SRC)/bench_timeline.c $(BENCH_SRC)/bench_param.c $(BENCH_SRC)/hand.c \
	    $(BENCH_SRC)/bench_data.c $(BENCH_LIB) $(BENCH_LDLIBS)

# bench_sweep times the library's sweep and the program's (coop sweep -j 1,
# -j 2), which it runs.
$(BENCH_OUT)/bench_sweep: $(BENCH_SRC)/bench_sweep.c $(BENCH_DATA) include/coop.h $(BENCH_LIB)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $(BENCH_SRC)/bench_sweep.c $(BENCH_SRC)/bench_data.c $(BENCH_LIB) $(BENCH_LDLIBS)

$(BENCH_OUT)/bench_evshap: $(BENCH_SRC)/bench_evshap.c include/coop.h $(BENCH_INTERNAL)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -Isrc -Ibuild/gen -o $@ $(BENCH_SRC)/bench_evshap.c $(BENCH_INTERNAL) $(BENCH_LDLIBS)

$(BENCH_OUT)/bench_flip: $(BENCH_SRC)/bench_flip.c $(BENCH_DATA) include/coop.h $(BENCH_LIB)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $(BENCH_SRC)/bench_flip.c $(BENCH_SRC)/bench_data.c $(BENCH_LIB) $(BENCH_LDLIBS)

# Including this file must not change the including Makefile's default goal.
# Used on its own (make -f bench/bench.mk), the default is `bench`.
ifeq ($(BENCH_SAVED_GOAL)$(words $(MAKEFILE_LIST)),1)
.DEFAULT_GOAL := bench
else
.DEFAULT_GOAL := $(BENCH_SAVED_GOAL)
endif
