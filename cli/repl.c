/*
 * repl.c - `coop repl`: the interactive front-end over a coop session.  On
 * a terminal, GNU readline edits lines, keeps history and completes names;
 * from a pipe or a file, lines are read plainly and only results (stdout)
 * and diagnostics (stderr) are written.  Whether an input needs another
 * line is the parser's decision (COOP_INCOMPLETE), not ours.
 */
#include "repl.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#define PROMPT "coop> "
#define PROMPT_MORE "  ... "
/* History lines kept in the history file. */
#define HISTORY_MAX 1000
/* Most lines one unfinished input may take (docs/repl.md): a brace left
 * open at the top of a long script would otherwise swallow all of it. */
#define REPL_MAX_LINES 1000

typedef struct repl {
    coop_session *s;
    coop_diags *d;
    const char *name;    /* of the input stream, in diagnostics */
    char *buf;           /* the input so far (lines of an unfinished one) */
    size_t len, cap;
    int first;           /* the line the input began on */
    int lineno;          /* lines read */
    int failed, quit;
    int more;            /* the input is unfinished */
    int json;            /* --format json: every line of output is JSON */
} repl;

/* Set by Ctrl-C on a terminal (on_sigint). */
static volatile sig_atomic_t interrupted;

static void report(repl *r, coop_status st)
{
    /* Ctrl-C during a write to the terminal (a long show) cuts it short
     * with EINTR, which stdio keeps as an error: that output is what the
     * stop dropped, not a failed terminal */
    if (interrupted && ferror(stdout)) clearerr(stdout);
    out_flush(); /* results before the diagnostics about them */
    coop_diags_print(r->d, stderr, r->json);
    coop_diags_clear(r->d);
    if (st == COOP_FAILED) r->failed = 1;
}

/* Carries out the inputs waiting in the session (read from a pipe, they
 * wait: coop_session_defer), reporting each: before the REPL says or does
 * anything else, and before it waits for input. */
static void settle(repl *r)
{
    while (coop_session_pending(r->s) > 0) report(r, coop_session_flush(r->s, r->d));
    fflush(stdout);
}

static void error_at(repl *r, int col, const char *fmt, const char *arg)
{
    coop_diags_add(r->d, COOP_ERROR, r->name, r->lineno, col, fmt, arg);
    report(r, COOP_FAILED);
}

/* `:load`, `:save`, `:help`, `:quit` (words of coop_command_find). */
static void meta(repl *r, const char *line, int col)
{
    const char *p = line + 1, *e = p;
    while (*e && *e != ' ' && *e != '\t') e++;
    size_t n = (size_t)(e - p);
    coop_command cmd = coop_command_find(line, n + 1);
    settle(r);
    const char *arg = e;
    while (*arg == ' ' || *arg == '\t') arg++;
    char *file = xstrdup(arg);
    size_t fl = strlen(file);
    while (fl > 0 && strchr(" \t\r", file[fl - 1])) file[--fl] = 0;
    if (fl >= 2 && file[0] == '"' && file[fl - 1] == '"') { /* quotes, as in a script, are not part of it */
        memmove(file, file + 1, fl - 2);
        file[fl -= 2] = 0;
    }
    int takes_file = cmd == COOP_CMD_LOAD || cmd == COOP_CMD_SAVE || cmd == COOP_CMD_SAVE_OVER;
    int known = takes_file || cmd == COOP_CMD_QUIT || cmd == COOP_CMD_HELP;
    /* a command typed without a colon, given one (`what` stands for what if) */
    int bare = coop_command_find(p, n) != COOP_CMD_NONE || (n == 4 && strncmp(p, "what", 4) == 0);
    if (!known) {
        char w[64];
        snprintf(w, sizeof w, ":%.*s", (int)(n < 40 ? n : 40), p);
        const char *cmds[16], *near;
        size_t nc = 0;
        for (int i = 0; nc < 16 && coop_word(COOP_WORDS_COMMAND, i); i++)
            if (coop_word(COOP_WORDS_COMMAND, i)[0] == ':') cmds[nc++] = coop_word(COOP_WORDS_COMMAND, i);
        if (bare)
            error_at(r, col, "'%s': this command is typed without a colon", w);
        else if ((near = coop_suggest(w, cmds, nc))) {
            coop_diags_add(r->d, COOP_ERROR, r->name, r->lineno, col, "unknown command '%s'; did you mean '%s'?", w,
                           near);
            report(r, COOP_FAILED);
        } else
            error_at(r, col, "unknown command '%s' (:help lists the commands)", w);
    } else if (!takes_file && *file) {
        char w[64];
        snprintf(w, sizeof w, ":%.*s", (int)(n < 40 ? n : 40), p);
        error_at(r, col, "%s takes nothing after it", w);
    } else if (cmd == COOP_CMD_QUIT)
        r->quit = 1;
    else if (cmd == COOP_CMD_HELP)
        coop_session_help(r->s);
    else if (takes_file && !*file) {
        char w[64];
        snprintf(w, sizeof w, ":%.*s", (int)n, p);
        error_at(r, col, "%s needs a file name", w);
    }
    else if (cmd == COOP_CMD_LOAD)
        report(r, coop_session_load(r->s, file, r->d));
    else
        report(r, coop_session_save(r->s, file, cmd == COOP_CMD_SAVE_OVER, r->d));
    free(file);
}

/* Is the line one of the ':' commands? */
static int is_meta(const char *line, size_t n)
{
    size_t i = 0;
    while (i < n && (line[i] == ' ' || line[i] == '\t')) i++;
    if (i == n || line[i] != ':') return 0;
    size_t e = i;
    while (e < n && line[e] != ' ' && line[e] != '\t') e++;
    coop_command c = coop_command_find(line + i, e - i);
    return c == COOP_CMD_LOAD || c == COOP_CMD_SAVE || c == COOP_CMD_SAVE_OVER || c == COOP_CMD_HELP ||
           c == COOP_CMD_QUIT;
}

/* Takes one line (without its newline); sets r->more when the input it
 * belongs to needs another. */
static void take_line(repl *r, const char *line, size_t n)
{
    r->lineno++;
    size_t i = 0;
    while (i < n && (line[i] == ' ' || line[i] == '\t')) i++;
    /* a command; within an unfinished input only a known one (': b' may
     * continue `kind a`), and :quit then drops the input */
    if (i < n && line[i] == ':' && (!r->more || is_meta(line, n))) {
        char *m = strndup(line + i, n - i);
        if (m) meta(r, m, (int)i + 1);
        free(m);
        if (r->quit) r->more = 0;
        if (r->more) line = "", n = 0; /* an empty line in its place keeps the input's line numbers */
        else return;
    }
    if (!r->more) {
        r->len = 0;
        r->first = r->lineno;
    }
    if (r->len + n + 2 > r->cap) {
        r->cap = 2 * (r->len + n + 2);
        r->buf = xrealloc(r->buf, r->cap);
    }
    /* lines joined by newlines, the last without one: the end of an
     * unfinished input is then on its last line, not past it */
    size_t from = r->len; /* what the session has parsed already, when r->more */
    if (r->len) r->buf[r->len++] = '\n';
    memcpy(r->buf + r->len, line, n);
    r->len += n;
    coop_status st = coop_session_input_more(r->s, r->name, r->first, r->buf, r->len, r->more ? from : 0, r->d);
    r->more = st == COOP_INCOMPLETE;
    if (st == COOP_DEFERRED) { /* said when it is carried out */
        if (coop_session_due(r->s)) settle(r);
        return;
    }
    if (r->more && r->lineno - r->first + 1 >= REPL_MAX_LINES) {
        coop_diags_clear(r->d);
        settle(r);
        /* past the limit it is an error: the parser's, from the whole input */
        coop_session_input(r->s, r->name, r->first, r->buf, r->len, r->d);
        coop_diags_add(r->d, COOP_NOTE, r->name, r->first, 0,
                       "an input left unfinished for %d lines is dropped (the limit)", REPL_MAX_LINES);
        report(r, COOP_FAILED);
        r->more = 0;
        return;
    }
    if (r->more) {
        coop_diags_clear(r->d); /* not an error yet: the next line may finish it */
        return;
    }
    report(r, st);
}

/* The end of input: an unfinished input is an error now. */
static void finish(repl *r)
{
    if (!r->more) return;
    settle(r);
    r->more = 0;
    /* blank lines at its end (or those kept for a ':' command) are not
     * where it ended */
    while (r->len > 0 && strchr(" \t\r\n", r->buf[r->len - 1])) r->len--;
    coop_status st = coop_session_input(r->s, r->name, r->first, r->buf, r->len, r->d);
    report(r, st == COOP_INCOMPLETE ? COOP_FAILED : st);
}

/* ---- the terminal ---- */

static repl *R; /* readline's callbacks take no context */
static char *history_path;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* $XDG_STATE_HOME/coop/history, else ~/.local/state/coop/history; the
 * directories are made.  NULL when there is no such place. */
static char *history_file(void)
{
    const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    char dir[4096];
    if (x && *x == '/') snprintf(dir, sizeof dir, "%s/coop", x);
    else if (home && *home) snprintf(dir, sizeof dir, "%s/.local/state/coop", home);
    else return NULL;
    for (char *p = dir + 1; *p; p++) /* mkdir -p */
        if (*p == '/') {
            *p = 0;
            if (mkdir(dir, 0700) != 0 && errno != EEXIST) return NULL;
            *p = '/';
        }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) return NULL;
    size_t n = strlen(dir) + 16;
    char *f = malloc(n);
    if (f) snprintf(f, n, "%s/history", dir);
    return f;
}

static void on_line(char *line)
{
    if (!line) { /* Ctrl-D on an empty line */
        fputc('\n', rl_outstream);
        finish(R);
        R->quit = 1;
        rl_callback_handler_remove();
        return;
    }
    if (*line) {
        HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
        if (!last || strcmp(last->line, line) != 0) {
            add_history(line);
            if (history_path) append_history(1, history_path);
        }
    }
    take_line(R, line, strlen(line));
    free(line);
    rl_callback_handler_remove();
    if (!R->quit) rl_callback_handler_install(R->more ? PROMPT_MORE : PROMPT, on_line);
}

/* ---- completion ---- */

static struct {
    char **v;
    size_t n, cap, next;
} cands;

static void cand(const char *prefix, const char *before, const char *s)
{
    size_t pl = strlen(prefix);
    if (!s || strncmp(s, prefix, pl) != 0) return;
    if (cands.n == cands.cap) {
        cands.cap = cands.cap ? 2 * cands.cap : 64;
        cands.v = xrealloc(cands.v, cands.cap * sizeof *cands.v);
    }
    size_t n = strlen(before) + strlen(s) + 1;
    char *c = xrealloc(NULL, n);
    snprintf(c, n, "%s%s", before, s);
    cands.v[cands.n++] = c;
}

/* The words of a command ("what if": "what" and "if") that `text` begins;
 * the ':' commands are offered after a ':'. */
static void command_words(const char *text, const char *cmd)
{
    if (cmd[0] == ':') return;
    char w[32];
    for (const char *p = cmd; *p;) {
        size_t n = strcspn(p, " ");
        snprintf(w, sizeof w, "%.*s", (int)n, p);
        cand(text, "", w);
        p += n + (p[n] == ' ');
    }
}

/* Is s a word of a command ("what", "if", "set", ...)? */
static int command_word(const char *s)
{
    for (int i = 0; coop_word(COOP_WORDS_COMMAND, i); i++) {
        const char *c = coop_word(COOP_WORDS_COMMAND, i);
        size_t n = strlen(s);
        if (strncmp(c, s, n) == 0 && (c[n] == ' ' || c[n] == 0)) return 1;
        if (strcmp(c, "what if") == 0 && strcmp(s, "if") == 0) return 1;
    }
    return 0;
}

/* Is s one of the fixed words of list `what`? */
static int listed(coop_words what, const char *s)
{
    for (int i = 0; coop_word(what, i); i++)
        if (strcmp(coop_word(what, i), s) == 0) return 1;
    return 0;
}

/* Is s a keyword (a word of a statement's where it stands: sweep, step; a
 * declaration's first: param, data) or a command word: completed with a
 * space after it?  (Names and functions are not: '.', '(' or ',' comes
 * next.) */
static int spaced(const char *s)
{
    return listed(COOP_WORDS_KEYWORD, s) || listed(COOP_WORDS_CONTEXT, s) || listed(COOP_WORDS_DECLARATION, s) ||
           command_word(s);
}

#define WORD_(n) #n
#define WORD(n) WORD_(n) /* a number as text: the longest name, as sscanf's width */

/* `bid(TENDER, BIDDER).` just before `start` (the '.' that begins the
 * word being completed): the fields that bid has, after prefix. */
static void bid_fields(const char *line, int start, const char *prefix)
{
    if (start < 1 || line[start - 1] != ')') return;
    int open = start - 1;
    while (open > 0 && line[open] != '(') open--;
    if (open < 3 || strncmp(line + open - 3, "bid", 3) != 0 ||
        (open > 3 && (isalnum((unsigned char)line[open - 4]) || line[open - 4] == '_')))
        return;
    char t[COOP_MAX_TOKEN_LEN + 1], x[COOP_MAX_TOKEN_LEN + 1];
    if (sscanf(line + open + 1, " %" WORD(COOP_MAX_TOKEN_LEN) "[^, ] , %" WORD(COOP_MAX_TOKEN_LEN) "[^) ] )", t, x) != 2)
        return;
    const coop_script *sc = coop_session_script(R->s);
    int rule = coop_rule_find(sc, t), a = coop_actor_find(sc, x);
    for (int i = 0; a >= 0 && coop_field_name(sc, rule, i); i++) {
        const char *f = coop_field_name(sc, rule, i);
        double v;
        if (coop_world_attr(coop_session_world(R->s), a, coop_field_find(sc, rule, f), &v, NULL) != COOP_VALUE_NONE)
            cand(prefix, ".", f);
    }
}

static char *next_cand(const char *text, int state)
{
    (void)text;
    if (state == 0) cands.next = 0;
    if (cands.next < cands.n) {
        char *c = cands.v[cands.next];
        cands.v[cands.next++] = NULL;
        return c;
    }
    return NULL;
}

static char **complete(const char *text, int start, int end)
{
    (void)end;
    for (size_t i = 0; i < cands.n; i++) free(cands.v[i]);
    cands.n = 0;
    const coop_script *sc = coop_session_script(R->s);
    const char *line = rl_line_buffer;
    while (*line == ' ') line++;
    if (*line == ':' && (strncmp(line, ":load ", 6) == 0 || strncmp(line, ":save", 5) == 0) &&
        line + 5 < rl_line_buffer + start) {
        rl_attempted_completion_over = 0; /* file names */
        return NULL;
    }
    rl_attempted_completion_over = 1;
    if (text[0] == ':') {
        for (int i = 0; coop_word(COOP_WORDS_COMMAND, i); i++)
            if (coop_word(COOP_WORDS_COMMAND, i)[0] == ':') cand(text, "", coop_word(COOP_WORDS_COMMAND, i));
    } else if (text[0] == '.') { /* bid(T, x).field */
        bid_fields(rl_line_buffer, start, text + 1);
    } else if (strchr(text, '.')) { /* actor.attribute */
        const char *dot = strrchr(text, '.');
        char *before = strndup(text, (size_t)(dot - text) + 1); /* "actor." */
        if (!before) return NULL;
        before[dot - text] = 0;
        int a = coop_actor_find(sc, before);
        before[dot - text] = '.';
        for (int i = 0; a >= 0 && i < coop_name_count(sc, COOP_NAMES_ATTRIBUTE); i++) {
            const char *at = coop_name(sc, COOP_NAMES_ATTRIBUTE, i);
            if (coop_actor_has(sc, a, at)) cand(dot + 1, before, at);
        }
        free(before);
    } else {
        for (int i = 0; coop_word(COOP_WORDS_KEYWORD, i); i++) cand(text, "", coop_word(COOP_WORDS_KEYWORD, i));
        for (int i = 0; coop_word(COOP_WORDS_FUNCTION, i); i++) cand(text, "", coop_word(COOP_WORDS_FUNCTION, i));
        for (int i = 0; coop_word(COOP_WORDS_COMMAND, i); i++) command_words(text, coop_word(COOP_WORDS_COMMAND, i));
        for (int i = 0; coop_word(COOP_WORDS_CONTEXT, i); i++) /* (why and flip: commands too, offered once) */
            if (!command_word(coop_word(COOP_WORDS_CONTEXT, i))) cand(text, "", coop_word(COOP_WORDS_CONTEXT, i));
        for (int i = 0; coop_word(COOP_WORDS_DECLARATION, i); i++) cand(text, "", coop_word(COOP_WORDS_DECLARATION, i));
        for (int i = 0; i < coop_name_count(sc, COOP_NAMES_DECLARED); i++)
            cand(text, "", coop_name(sc, COOP_NAMES_DECLARED, i));
        /* a name is followed by '.', '(', ',' or ')', a keyword by a space;
         * the same name may come from several classes (a factor `trust` and
         * the relation `trust`): one completion still */
        int one = cands.n > 0, word = 0;
        for (size_t i = 1; i < cands.n; i++) one &= strcmp(cands.v[i], cands.v[0]) == 0;
        word = one && spaced(cands.v[0]);
        if (one && !word) rl_completion_append_character = '\0';
    }
    return rl_completion_matches(text, next_cand);
}

static int interactive(repl *r)
{
    R = r;
    rl_readline_name = "coop";
    if (!isatty(STDOUT_FILENO)) rl_outstream = stderr;
    rl_catch_signals = 0; /* Ctrl-C is ours: it abandons the input */
    rl_attempted_completion_function = complete;
    rl_completer_word_break_characters = " \t\n\"(),=<>+-*/{}!~%";
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint; /* no SA_RESTART: select() returns EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    history_path = history_file();
    if (history_path && read_history(history_path) != 0) write_history(history_path); /* made, for appends */
    rl_callback_handler_install(PROMPT, on_line);
    while (!r->quit) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(fileno(rl_instream), &fds);
        int n = select(fileno(rl_instream) + 1, &fds, NULL, NULL, NULL);
        if (interrupted) {
            interrupted = 0;
            fputs("^C\n", rl_outstream); /* after what was typed, as a terminal shows it */
            fflush(rl_outstream);
            rl_free_line_state();
            rl_callback_sigcleanup();
            rl_callback_handler_remove();
            r->more = 0;
            r->len = 0;
            rl_callback_handler_install(PROMPT, on_line);
            continue;
        }
        if (n < 0) {
            if (errno == EINTR) continue;
            break;
        }
        rl_callback_read_char();
        interrupted = 0; /* a Ctrl-C while a command ran has stopped it (coop_options.interrupt) */
    }
    rl_callback_handler_remove();
    if (history_path) history_truncate_file(history_path, HISTORY_MAX);
    free(history_path);
    for (size_t i = 0; i < cands.n; i++) free(cands.v[i]);
    free(cands.v);
    return 0;
}

/* ---- a pipe or a file ---- */

/* Standard input, read in blocks: the REPL knows when it is about to wait
 * for more (then what waits in the session is carried out first). */
typedef struct reader {
    char buf[1 << 16];
    size_t at, n;
    int end;
} reader;

static int next_byte(repl *r, reader *in)
{
    if (in->at == in->n) {
        if (in->end) return EOF;
        struct pollfd p = {STDIN_FILENO, POLLIN, 0};
        if (poll(&p, 1, 0) == 0) settle(r); /* no input yet: answer what came before it */
        ssize_t k;
        do k = read(STDIN_FILENO, in->buf, sizeof in->buf);
        while (k < 0 && errno == EINTR);
        if (k <= 0) {
            in->end = 1;
            return EOF;
        }
        in->at = 0;
        in->n = (size_t)k;
    }
    return (unsigned char)in->buf[in->at++];
}

/* Reads one line into *buf (without its newline), keeping at most
 * COOP_MAX_FILE_SIZE bytes: no input may be longer, so a longer line (a
 * binary file, /dev/zero) is not read on.  Returns the line's length; -1 at
 * the end of input, -2 for a line past the limit. */
static ssize_t read_line(repl *r, reader *in, char **buf, size_t *cap)
{
    size_t n = 0;
    int c;
    while ((c = next_byte(r, in)) != EOF && c != '\n') {
        if (n == COOP_MAX_FILE_SIZE) return -2;
        if (n + 1 >= *cap) {
            *cap = *cap ? 2 * *cap : 256;
            if (*cap > COOP_MAX_FILE_SIZE + 1) *cap = COOP_MAX_FILE_SIZE + 1;
            *buf = xrealloc(*buf, *cap);
        }
        (*buf)[n++] = (char)c;
    }
    if (c == EOF && n == 0) return -1;
    return (ssize_t)n;
}

static int batch(repl *r)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    reader *in = xrealloc(NULL, sizeof *in);
    in->at = in->n = 0;
    in->end = 0;
    /* complete inputs wait, so that a run of declarations builds the model
     * once (docs/repl.md, "Limits and notes") */
    coop_session_defer(r->s, 1);
    while (!r->quit && (n = read_line(r, in, &line, &cap)) != -1) {
        if (n == -2) { /* said, and the rest not read: this is no script */
            settle(r);
            r->lineno++;
            coop_diags_add(r->d, COOP_ERROR, r->name, r->lineno, 1,
                           "this line is longer than %d bytes, the limit; the input is not read further",
                           COOP_MAX_FILE_SIZE);
            report(r, COOP_FAILED);
            break;
        }
        if (n > 0 && line[n - 1] == '\r') n--; /* a file with CRLF line ends */
        take_line(r, line, (size_t)n);
    }
    free(line);
    free(in);
    if (!r->quit) finish(r);
    settle(r);
    return r->failed ? 1 : 0;
}

int repl_main(const char *const *files, int nfiles, uint64_t seed, int json, int jobs)
{
    coop_options o = {0};
    o.out = stdout;
    o.seed = seed;
    o.jobs = jobs;
    o.format = json ? COOP_FORMAT_JSON : COOP_FORMAT_TEXT;
    o.interrupt = &interrupted; /* set only on a terminal, where on_sigint is ours */
    repl r = {0};
    r.json = json;
    r.s = coop_session_new(&o);
    r.d = coop_diags_new();
    r.name = "<stdin>";
    /* typed at a terminal: prompts and editing, even when the results go to
     * a pipe (then the prompts and the echo go to the terminal on stderr) */
    int tty = isatty(STDIN_FILENO);
    if (tty && isatty(STDOUT_FILENO) && !json) printf("coop %s: ask what-if questions of a model. :help lists the commands; Ctrl-D leaves.\n", COOP_VERSION);
    for (int i = 0; i < nfiles; i++) report(&r, coop_session_load(r.s, files[i], r.d));
    int status = tty ? interactive(&r) : batch(&r);
    coop_diags_free(r.d);
    coop_session_free(r.s);
    free(r.buf);
    return status;
}
