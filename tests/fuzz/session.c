/*
 * session.c - libFuzzer target: an input is what a user types at `coop
 * repl`, one line after another.  Lines are joined and given to
 * coop_session_input as cli/repl.c's batch mode does: an unfinished input
 * (COOP_INCOMPLETE) takes the next line, up to the REPL's 1,000 lines, and
 * is an error at the end.  Of the ':' commands, :help prints and :quit
 * stops; :save and :save! write one file in a directory of this process's
 * own, and :load reads that file, whatever name they give (the fuzzer
 * never names the machine's files).  A file :save wrote must load again as
 * a script.  The session's format and seed come from a hash of the input.
 * Evaluation is interrupted after a second of CPU time (fuzz_arm), as
 * Ctrl-C interrupts the REPL's; once the interrupt could not stop the
 * session's model soon (fuzz_affordable), the rest of the input is
 * dropped.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* as REPL_MAX_LINES in cli/repl.c */
#define FUZZ_MAX_LINES 1000

static char dir[4096], saved[4096 + 16]; /* the file :save writes, in a directory of ours */

static void remove_dir(void)
{
    unlink(saved);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/coop-fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) abort();
    snprintf(saved, sizeof saved, "%s/saved.coop", dir);
    atexit(remove_dir);
    return 0;
}

/* The ':' command of a line (after its blanks), or COOP_CMD_NONE. */
static coop_command meta(const char *p, const char *end)
{
    if (p == end || *p != ':') return COOP_CMD_NONE;
    const char *e = p;
    while (e < end && *e != ' ' && *e != '\t') e++;
    coop_command c = coop_command_find(p, (size_t)(e - p));
    return c == COOP_CMD_LOAD || c == COOP_CMD_SAVE || c == COOP_CMD_SAVE_OVER || c == COOP_CMD_HELP ||
                   c == COOP_CMD_QUIT ? c : COOP_CMD_NONE;
}

/* A file :save wrote is a script coop accepts. */
static void check_saved(void)
{
    coop_diags *d = coop_diags_new();
    coop_script *s = coop_load_file(saved, d);
    if (!s) {
        fprintf(stderr, "fuzz: the file :save wrote does not load again:\n");
        coop_diags_print(d, stderr, 0);
        abort();
    }
    coop_script_free(s);
    coop_diags_free(d);
}

static void command(coop_session *s, coop_command c, coop_diags *d)
{
    if (c == COOP_CMD_HELP) coop_session_help(s);
    else if (c == COOP_CMD_LOAD) coop_session_load(s, saved, d);
    else if (coop_session_save(s, saved, c == COOP_CMD_SAVE_OVER, d) == COOP_DONE) check_saved();
}

/* The names a REPL completes, read as Tab does. */
static void complete(const coop_session *s)
{
    const coop_script *sc = coop_session_script(s);
    size_t n = 0;
    for (int i = 0; i < coop_name_count(sc, COOP_NAMES_DECLARED); i++) n += strlen(coop_name(sc, COOP_NAMES_DECLARED, i));
    fprintf(fuzz_null(), "%zu\n", n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t h = fuzz_hash(data, size);
    unlink(saved); /* each input starts with no saved file */
    coop_options o = {0};
    o.out = fuzz_null();
    o.format = h & 1 ? COOP_FORMAT_JSON : COOP_FORMAT_TEXT;
    o.seed = h >> 1 & 1 ? h >> 2 : 0;
    o.interrupt = fuzz_arm();
    coop_session *s = coop_session_new(&o);
    coop_diags *d = coop_diags_new();
    char *buf = malloc(size + 1);
    size_t len = 0;
    int lineno = 0, first = 1, more = 0;
    const char *p = (const char *)data, *end = p + size;
    while (p < end && (more || fuzz_affordable(coop_session_script(s)))) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *b = p, *e = nl ? nl : end, *w = b;
        p = nl ? nl + 1 : end;
        if (e > b && e[-1] == '\r') e--; /* CRLF */
        lineno++;
        while (w < e && (*w == ' ' || *w == '\t')) w++;
        coop_command c = meta(w, e);
        if (c == COOP_CMD_QUIT) { /* an unfinished input is dropped */
            more = 0;
            break;
        }
        if (c != COOP_CMD_NONE) {
            command(s, c, d);
            fuzz_diags(d);
            if (!more) continue;
            b = e; /* an empty line in its place keeps the input's line numbers */
        } else if (!more && w < e && *w == ':')
            continue; /* an unknown ':' command: the REPL's own error */
        if (!more) len = 0, first = lineno;
        else buf[len++] = '\n';
        memcpy(buf + len, b, (size_t)(e - b));
        len += (size_t)(e - b);
        more = coop_session_input(s, "<stdin>", first, buf, len, d) == COOP_INCOMPLETE;
        if (more && lineno - first + 1 >= FUZZ_MAX_LINES) more = 0;
        fuzz_diags(d);
        if (!more) complete(s);
    }
    if (more) { /* the end of the input: an unfinished input is an error now */
        while (len > 0 && strchr(" \t\r\n", buf[len - 1])) len--;
        coop_session_input(s, "<stdin>", first, buf, len, d);
        fuzz_diags(d);
    }
    fuzz_disarm();
    free(buf);
    coop_diags_free(d);
    coop_session_free(s);
    return 0;
}
