# tests/fuzz/fuzz.mk - `make fuzz` and `make fuzz-run`, included by the
# Makefile.  The libFuzzer targets of tests/fuzz/ (script.c: a script
# through coop_load and coop_run; session.c: lines typed at coop repl;
# csv.c: a CSV file read by a data statement) are
# built with clang, -fsanitize=fuzzer,address,undefined, against the
# library compiled in FUZZ=1 mode (build/fuzz/, its own objects).  Their
# seed corpora and dictionary are made here from files of the tree:
#
#   build/fuzz/fuzz_script, fuzz_session, fuzz_csv   the targets
#   build/fuzz/seeds/script/     examples/, tests/bad/ and tests/golden/ scripts
#   build/fuzz/seeds/session/    tests/repl/ sessions (the files they load first),
#                                and the examples typed as lines
#   build/fuzz/seeds/csv/        the CSV files of examples/data/, tests/bad/ and
#                                tests/golden/
#   build/fuzz/coop.dict         tests/fuzz/coop.dict and the words of src/words.c
#   build/fuzz/corpus/TARGET/    what a run found worth keeping (kept across runs)
#   build/fuzz/findings/         crash-, leak-, timeout- and oom- reproducers
#
# make fuzz-run runs the script and session targets FUZZ_TIME seconds each
# (the two in parallel under make -j2), then the csv target a third of it
# (a small grammar, quickly covered), through tests/fuzz/run.sh: a crash, a sanitizer report, a
# leak, an input slower than FUZZ_TIMEOUT seconds or bigger than FUZZ_RSS
# MB fails it.  Without clang and its libFuzzer runtime both say they
# skipped, and succeed; FUZZ_REQUIRED=1 (CI) makes that an error.

FUZZ_TIME    ?= 60
# Longest input: every example fits (the largest is 7.5 KB).
FUZZ_MAX_LEN ?= 8192
# A hang, not a slow input: the seed tests/bad/tuples_limit.coop (a rule
# of 10^8 tuples, counted) takes about 5 s of CPU in the instrumented
# build, and the timeout is wall-clock time on a machine CI may share.
FUZZ_TIMEOUT ?= 30
FUZZ_RSS     ?= 2048
# more libFuzzer options for fuzz-run (-jobs=2, -seed=N, ...)
FUZZ_ARGS    ?=

FUZZ_NAMES   := script session csv
FUZZ_B       := build/fuzz

.PHONY: fuzz fuzz-run $(addprefix fuzz-run-,$(FUZZ_NAMES))

ifeq ($(FUZZ),1)

FUZZ_BINS := $(patsubst %,$(B)/fuzz_%,$(FUZZ_NAMES))

fuzz: $(FUZZ_BINS) $(patsubst %,$(B)/seeds/%.stamp,$(FUZZ_NAMES)) $(B)/coop.dict
	@echo "make fuzz: built $(FUZZ_BINS); make fuzz-run runs them"

fuzz-run: $(addprefix fuzz-run-,$(FUZZ_NAMES))

$(addprefix fuzz-run-,$(FUZZ_NAMES)): fuzz-run-%: $(B)/fuzz_% $(B)/seeds/%.stamp $(B)/coop.dict
	@sh tests/fuzz/run.sh $* $(B) -max_total_time=$(if $(filter csv,$*),$$(($(FUZZ_TIME) / 3 + 1)),$(FUZZ_TIME)) \
	    -max_len=$(FUZZ_MAX_LEN) \
	    -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=$(FUZZ_RSS) -dict=$(B)/coop.dict $(FUZZ_ARGS)

# The public archive, as a program links it; only the library is
# instrumented for coverage (fuzzer-no-link), the target links libFuzzer.
$(FUZZ_BINS): $(B)/fuzz_%: tests/fuzz/%.c tests/fuzz/fuzz.c tests/fuzz/fuzz.h include/coop.h \
                           $(B)/libcoop.a $(B)/flags
	$(CC) $(CLI_CPPFLAGS) $(CPPFLAGS) $(COOP_STD) $(COOP_WARN) -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=all $(CFLAGS) $(LDFLAGS) -o $@ tests/fuzz/$*.c tests/fuzz/fuzz.c \
	    $(B)/libcoop.a $(LDLIBS) -lm

# Seeds are the tree's own files, copied (one directory per target; a name
# keeps its directory: bad_x.coop, golden_x.coop).
FUZZ_SCRIPT_SEEDS := $(wildcard examples/*.coop tests/bad/*.coop tests/golden/*.coop)
$(B)/seeds/script.stamp: $(FUZZ_SCRIPT_SEEDS)
	@rm -rf $(B)/seeds/script && mkdir -p $(B)/seeds/script
	@for f in $(FUZZ_SCRIPT_SEEDS); do cp "$$f" "$(B)/seeds/script/$$(echo "$$f" | sed 's|^tests/||; s|/|_|g')"; done
	@touch $@

# A session whose first line names files ("# args: examples/x.coop") has
# them in front of it, typed, as the fuzzer cannot load them (its options,
# --format json, are left out).
FUZZ_SESSION_SEEDS := $(wildcard tests/repl/*.in examples/*.coop)
$(B)/seeds/session.stamp: $(FUZZ_SESSION_SEEDS) $(wildcard tests/repl/*.txt)
	@rm -rf $(B)/seeds/session && mkdir -p $(B)/seeds/session
	@for f in $(FUZZ_SESSION_SEEDS); do \
	    args=$$(sed -n '1s/^# args: //p' "$$f" | sed 's/--[a-z]*[ =][^ ]*//g'); \
	    cat $$args "$$f" >"$(B)/seeds/session/$$(echo "$$f" | sed 's|^tests/||; s|/|_|g')" || exit 1; \
	done
	@touch $@

# CSV seeds: the tree's CSV files (a name keeps its directory).
FUZZ_CSV_SEEDS := $(wildcard examples/data/*.csv tests/bad/*.csv tests/golden/*.csv)
$(B)/seeds/csv.stamp: $(FUZZ_CSV_SEEDS)
	@rm -rf $(B)/seeds/csv && mkdir -p $(B)/seeds/csv
	@for f in $(FUZZ_CSV_SEEDS); do cp "$$f" "$(B)/seeds/csv/$$(echo "$$f" | sed 's|^tests/||; s|/|_|g')"; done
	@touch $@

# The dictionary: ours, then every "word" of src/words.c's tables.
$(B)/coop.dict: tests/fuzz/coop.dict src/words.c
	@mkdir -p $(@D)
	{ cat tests/fuzz/coop.dict; echo; echo '# src/words.c: keywords, built-in functions, commands'; \
	  grep -o '{"[^"]*",' src/words.c | sed 's/^{\(.*\),$$/\1/'; } >$@

else

# Can clang build and link a libFuzzer target?
FUZZ_PROBE = mkdir -p $(FUZZ_B) && \
    printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return (void)d, (int)n * 0; }\n' | \
    $(FUZZ_CC) -fsanitize=fuzzer -x c -o $(FUZZ_B)/probe - >$(FUZZ_B)/probe.log 2>&1

# One sub-make for all the fuzz goals given (make -j2 fuzz fuzz-run builds
# once).
FUZZ_GOALS := $(filter fuzz fuzz-run $(addprefix fuzz-run-,$(FUZZ_NAMES)),$(MAKECMDGOALS))
.PHONY: fuzz-mode
fuzz fuzz-run $(addprefix fuzz-run-,$(FUZZ_NAMES)): fuzz-mode
	@:
fuzz-mode:
	@if $(FUZZ_PROBE); then \
	    $(MAKE) --no-print-directory FUZZ=1 $(or $(FUZZ_GOALS),fuzz); \
	elif [ "$(FUZZ_REQUIRED)" = 1 ]; then \
	    echo "make $(FUZZ_GOALS): $(FUZZ_CC) cannot build a libFuzzer target (install clang and libclang-rt-14-dev):" >&2; \
	    cat $(FUZZ_B)/probe.log >&2; exit 1; \
	else \
	    echo "make $(FUZZ_GOALS): SKIPPED: $(FUZZ_CC) cannot build a libFuzzer target (install clang and libclang-rt-14-dev)"; \
	fi

endif
