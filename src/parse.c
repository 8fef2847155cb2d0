/* parse.c - runs the scanner and parser over one source; tells what kind of
 * input a session was given. */
#include "parse.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slip.h"
#include "source.h"
#include "suggest.h"
#include "words.h"
#include "coop.tab.h"
#define YYSTYPE COOP_YYSTYPE
#define YYLTYPE COOP_YYLTYPE
#include "coop.lex.h"

int parse_can_end(coop_yypstate *p); /* the grammar's (coop.y) */
int parse_takes(coop_yypstate *p, int token);

/* A token pushed at l after an item's first word (coop.y's iword, cword:
 * the word is taken before the token after it, or with it), kept until
 * three. */
static void parse_item_token(parse_state *ps, int t, const COOP_YYSTYPE *v, const COOP_YYLTYPE *l)
{
    if (!ps->item.word || ps->item.n >= 3 || (l->line == ps->item.at.line && l->col == ps->item.at.col)) return;
    if (!ps->item.n) ps->item.str = t == IDENT ? v->str : NULL;
    ps->item.tok[ps->item.n++] = t;
}

/* The place of src's first character. */
static COOP_YYLTYPE first_loc(const source *src)
{
    COOP_YYLTYPE l = {src->line0 + 1, 1, src->line0 + 1, 1};
    return l;
}

static coop_yypstate *pstate_new(void)
{
    coop_yypstate *p = coop_yypstate_new();
    if (!p) mem_exhausted(0);
    return p;
}

/* The parser is pushed the start token of a session's input kind, if any,
 * then the scanner's tokens: one parser serves whole scripts and each
 * kind of typed input. */
static int start_token(input_kind k)
{
    return k == IN_VALUE ? START_VALUE : k == IN_WHATIF ? START_WHATIF : k == IN_SET ? START_SET
         : k == IN_WHY ? START_WHY : k == IN_CHANGE ? START_CHANGE : k == IN_AXIS ? START_AXIS : 0;
}

/* ---- 'of' ---- */

static int is_of(int t, const COOP_YYSTYPE *v) { return t == IDENT && strcmp(v->str, "of") == 0; }

/* 'verdict' or 'score': a word that may follow 'of'. */
static int is_target_word(int t, const COOP_YYSTYPE *v)
{
    return t == SCORE || (t == IDENT && strcmp(v->str, "verdict") == 0);
}

/* Could the name 'of' be the token OF where the parser is (feed_push)? */
static int of_may_be_token(coop_yypstate *p) { return parse_takes(p, OF) || !parse_takes(p, IDENT); }

/* ---- names that are tokens where the parser takes them ---- */

/* The token name v could be where the parser is (p: words_context's
 * words), or 0. */
static int time_word(coop_yypstate *p, int t, const COOP_YYSTYPE *v)
{
    int tok = t == IDENT ? words_context(v->str) : 0;
    return tok && parse_takes(p, tok) ? tok : 0;
}

/* Does a token starting a declaration or an attribute after a name make it
 * a name (`range = 2`, `range(a, b) = 0.5`, `range.x`)? */
static int names_follow(int t) { return t == '=' || t == '(' || t == '.' || t == PLUSEQ || t == MINUSEQ; }

/* ---- a data statement's options ---- */

/* Could token t be a `data` statement's option word where the parser is
 * (p): `kind` (a keyword), `name` or `label` (names), or a name near one
 * (a misspelt option, which the grammar says)? */
static int data_may(coop_yypstate *p, int t, const COOP_YYSTYPE *v)
{
    if (t != KIND && t != IDENT) return 0;
    if (t == IDENT && strcmp(v->str, "name") != 0 && strcmp(v->str, "label") != 0) {
        suggest sg;
        suggest_init(&sg, v->str, NULL);
        suggest_offer(&sg, "kind", 0);
        suggest_offer(&sg, "name", 0);
        suggest_offer(&sg, "label", 0);
        if (!sg.best) return 0;
    }
    return parse_takes(p, DATA_OPT);
}

/* The option word t is where the parser is, or NULL: `kind` only in a
 * `data actors` statement, once (a kind declaration may follow one), as
 * parse_state's data_actors and data_kind say. */
static const char *data_word(const parse_state *ps, coop_yypstate *p, int t, const COOP_YYSTYPE *v)
{
    if (!data_may(p, t, v)) return NULL;
    if (t == KIND) return ps->data_actors && !ps->data_kind ? "kind" : NULL;
    return v->str;
}

/* ---- the REPL's inputs, written in a script ---- */

static int name_byte(unsigned char c) { return isalnum(c) || c == '_' || c >= 0x80; }
static size_t name_len(const char *t, size_t i, size_t n)
{
    size_t j = i;
    while (j < n && name_byte((unsigned char)t[j])) j++;
    return j - i;
}
static size_t blanks(const char *t, size_t i, size_t n)
{
    while (i < n && (t[i] == ' ' || t[i] == '\t')) i++;
    return i;
}

/* The REPL input that line t[0..n) (its line break excluded) starts with:
 * `what if ...` (or `what-if`), `set NAME...`, `undo`, `reset` or
 * `changes` alone, `:load F`, `:help`..., or a change `a.x = 1` (`+=`,
 * `-=`) or `w = 1`: its command (COOP_CMD_NONE for a change of an actor,
 * SLIP_PARAM_CHANGE of a name alone) and, into typed[size], its word as
 * typed (the actor's name, or the name); -1 for none. */
static int repl_line(const char *t, size_t n, char *typed, size_t size)
{
    size_t w = name_len(t, 0, n), i = blanks(t, w, n), k = 1;
    int c;
    if (n && t[0] == ':') {
        while (k < n && k < size - 1 && (isalpha((unsigned char)t[k]) || t[k] == '!')) k++;
        c = coop_command_find(t, k);
        snprintf(typed, size, "%.*s", (int)k, t);
        return c == COOP_CMD_NONE || c == COOP_CMD_WHY ? -1 : c;
    }
    if (w == 4 && strncmp(t, "what", 4) == 0) {
        snprintf(typed, size, "what if");
        return (i < n && t[i] == '-') || (name_len(t, i, n) == 2 && strncmp(t + i, "if", 2) == 0) ? COOP_CMD_WHATIF : -1;
    }
    if (w >= size) return -1; /* a name too long: the scanner says so */
    snprintf(typed, size, "%.*s", (int)w, t);
    c = w ? coop_command_find(t, w) : COOP_CMD_NONE;
    if (c == COOP_CMD_SET) return i > w && name_len(t, i, n) ? c : -1;
    if (c == COOP_CMD_UNDO || c == COOP_CMD_RESET || c == COOP_CMD_CHANGES) return i == n || t[i] == '#' ? c : -1;
    if (w && i < n && (t[i] == '=' || ((t[i] == '+' || t[i] == '-') && i + 1 < n && t[i + 1] == '=')))
        return t[i] == '=' && i + 1 < n && strchr("=<>", t[i + 1]) ? -1 : SLIP_PARAM_CHANGE; /* not `w == 0.5`, `=>` */
    if (!w || w >= n || t[w] != '.' || !name_len(t, w + 1, n)) return -1;
    i = blanks(t, w + 1 + name_len(t, w + 1, n), n);
    if (i + 1 < n && (t[i] == '+' || t[i] == '-') && t[i + 1] == '=') return COOP_CMD_NONE;
    return i < n && t[i] == '=' && (i + 1 == n || t[i + 1] != '=') ? COOP_CMD_NONE : -1;
}

/* Keeps which statement is being read, and how many words of dates it
 * has, for a syntax error's hint (coop.y, stmt_date_slip). */
static void stmt_token(parse_state *ps, int t)
{
    switch (t) {
    case SHOW: ps->stmt_word = "show"; break;
    case EXPLAIN: ps->stmt_word = "explain"; break;
    case DOMINANCE: ps->stmt_word = "dominance"; break;
    case WHY: ps->stmt_word = "why"; break;
    case FLIP: ps->stmt_word = "flip"; break;
    case KIND: case ACTOR: case RELATION: case PARTNERSHIP: case TENDER: case CONTRACT: case TIMELINE:
    case EVENT: case EXPECT: case SWEEP:
        ps->stmt_word = NULL;
        break;
    case AT: case FROM: case TO: ps->stmt_dates++; return;
    default: return;
    }
    ps->stmt_dates = 0;
}

/* The scanner's tokens as the parser is pushed them: the name 'of' becomes
 * OF where the parser takes OF and no name could stand (in a query's
 * arguments, or at the end of `what if ...: dominance R`), or where a name
 * could stand too (after `dominance R` a relation value `of(a, b) = ...`
 * may follow) and no '(' follows; and where the parser takes neither, so
 * that the error says where 'of' may stand.  Elsewhere it is a name. */
typedef struct feed {
    yyscan_t scanner;
    coop_yypstate *pp;
    parse_state *ps;
    int script;               /* a script's tokens (no input kind of a session) */
    int line;                 /* a line of the source, read forward (repl_in_script) */
    size_t line_at;           /* the offset of its first byte */
    int held;                 /* a token was read ahead: */
    int ht;
    COOP_YYSTYPE hv;
    COOP_YYLTYPE hl;
    coop_loc name_of;         /* an 'of' left a name (line 0: none), followed by a target
                                 word: said by a syntax error at that word or the next
                                 token (`show R of verdict` reads as `of verdict` starting
                                 a declaration, until then) */
    int name_of_left;         /* tokens left to push with it */
    int skip_line;            /* a line whose tokens are not pushed (0: none), */
    int skip_base, skip_open; /* and the block a '{' on it opens (the braces open
                                 before it; one was opened) */
} feed;

/* Is the parser inside a declaration's block (an actor's, a partnership's
 * ...: its '{' named), whose own error items recover from a syntax error? */
static int in_block(const parse_state *ps)
{
    for (int i = 0; i < ps->nbraces; i++)
        if (ps->braces[i].what) return 1;
    return 0;
}

/* Token t at l starts a line of a script where a declaration may start:
 * is the line a REPL command or change?  Then says so (docs/language.md,
 * "Common slips"), and reads the tokens to the end of the line, which the
 * parser never sees; the token after them (with *v), or t. */
static int repl_in_script(feed *f, int t, COOP_YYSTYPE *v, COOP_YYLTYPE *l)
{
    const source *src = f->ps->src;
    const char *text = src->text, *end = text + src->len;
    if (!f->script || (t != IDENT && t != ':') || l->line <= f->ps->pushed[0].loc.end_line) return t;
    for (; f->line < l->line && f->line_at < src->len; f->line++) { /* forward only: linear in the text */
        while (f->line_at < src->len && text[f->line_at] != '\n' && text[f->line_at] != '\r') f->line_at++;
        f->line_at += f->line_at + 1 < src->len && text[f->line_at] == '\r' && text[f->line_at + 1] == '\n' ? 2 : 1;
    }
    size_t at = (size_t)(source_skip(text + f->line_at, end, l->col - 1) - text), n = 0;
    while (at + n < src->len && text[at + n] != '\n' && text[at + n] != '\r') n++;
    char typed[COOP_MAX_TOKEN_LEN + 1], buf[3 * COOP_MAX_TOKEN_LEN + 512]; /* the message names it thrice */
    int c = repl_line(text + at, n, typed, sizeof typed);
    if (c == -1 || (c == SLIP_PARAM_CHANGE && f->ps->slip.line) || !parse_takes(f->pp, ACTOR))
        return t; /* a name's change in a declaration after a slip (`tendr x(...) {`): its echo */
    coop_loc w = *l;
    if (t == ':') w.end_col = w.col + (int)strlen(typed);
    diag_at(f->ps->diags, src, w, COOP_ERROR, "%s", slip_command(buf, sizeof buf, c, typed));
    int line = l->line;
    while (t != END && l->line == line) t = coop_yylex(v, l, f->scanner);
    return t;
}

/* Pushes the next token at *lloc (the scanner's running place); the
 * parser's status. */
static int feed_push(feed *f, COOP_YYLTYPE *lloc)
{
    COOP_YYSTYPE v;
    int t;
    if (f->held) {
        f->held = 0;
        t = f->ht;
        v = f->hv;
        *lloc = f->hl;
    } else
        t = coop_yylex(&v, lloc, f->scanner);
    if (f->skip_line && t != END) { /* the rest of a line in error, and a block it opens */
        int closes = f->skip_open && t == '}' && f->ps->nbraces == f->skip_base;
        if (f->ps->nbraces > f->skip_base) f->skip_open = 1;
        if (lloc->line == f->skip_line || f->ps->nbraces > f->skip_base || closes) {
            if (closes) f->skip_open = 0; /* (then to the end of the line in error, if on it) */
            return YYPUSH_MORE;
        }
    }
    f->skip_line = 0;
    for (int line = 0; line != lloc->line;) { /* a command's line, then maybe another */
        line = lloc->line;
        t = repl_in_script(f, t, &v, lloc);
    }
    /* after an 'of' left a name: its target word, and the token after it */
    if (f->name_of_left == 2 && !is_target_word(t, &v)) f->name_of_left = 0;
    if (f->name_of_left > 0) {
        f->name_of_left--;
        f->ps->stray_of = f->name_of;
    }
    int tw = time_word(f->pp, t, &v);
    if (tw == FROM && f->ps->pushed[1].tok == IDENT && strcmp(f->ps->pushed[1].str, "data") == 0) { /* data X from */
        f->ps->data_actors = f->ps->pushed[0].tok == IDENT && strcmp(f->ps->pushed[0].str, "actors") == 0;
        f->ps->data_kind = 0;
    }
    const char *dw = tw ? NULL : data_word(f->ps, f->pp, t, &v);
    if (dw) tw = DATA_OPT;
    if (tw && t == IDENT && parse_takes(f->pp, IDENT)) { /* a name may stand too: the token after it tells */
        f->hl = *lloc;
        f->ht = coop_yylex(&f->hv, &f->hl, f->scanner);
        f->held = 1;
        if (names_follow(f->ht)) tw = 0;
    }
    if (tw == DATA_OPT) {
        f->ps->data_kind |= t == KIND;
        v.str = dw;
    }
    if (tw) t = tw;
    else if (is_of(t, &v)) {
        int of = parse_takes(f->pp, OF), nm = parse_takes(f->pp, IDENT);
        if (of && nm) { /* read the next token ahead */
            f->hl = *lloc;
            f->ht = coop_yylex(&f->hv, &f->hl, f->scanner);
            f->held = 1;
            of = f->ht != '(';
        }
        if (of || !nm) t = OF;
        else {
            f->name_of = *lloc;
            f->name_of_left = 2;
        }
    }
    f->ps->pushing = t == IDENT ? v.str : NULL;
    int said = f->ps->syntax_said, line_begun = f->ps->pushed[0].tok && f->ps->pushed[0].loc.end_line == lloc->line;
    int status = coop_yypush_parse(f->pp, t, &v, lloc, f->scanner, f->ps);
    /* A syntax error within a line, outside a block, leaves the parser to
     * start again at a declaration: what follows on the line (the rest of
     * a malformed `sweep ... : count(R)`), or the token in error itself,
     * would be read as one, and its end (the end of input, or the next
     * line) say a second error that is only the echo of the first.  RESYNC
     * drops what the recovery began, and the line's last tokens go unread,
     * as a slip's do (one error per slip); the next line is read as usual,
     * its errors said. */
    if (status == YYPUSH_MORE && f->ps->syntax_said > said && line_begun && t != END && !in_block(f->ps)) {
        f->skip_line = lloc->line;
        f->skip_open = t == '{'; /* (the scanner counted it) */
        f->skip_base = f->ps->nbraces - f->skip_open;
        status = coop_yypush_parse(f->pp, RESYNC, &v, lloc, f->scanner, f->ps);
    }
    parse_item_token(f->ps, t, &v, lloc);
    stmt_token(f->ps, t);
    f->ps->stray_of.line = 0;
    f->ps->after_of = t == OF;
    f->ps->pushed[1] = f->ps->pushed[0];
    f->ps->pushed[0].tok = t;
    f->ps->pushed[0].str = t == IDENT ? v.str : NULL;
    f->ps->pushed[0].loc = *lloc;
    return status;
}

static int parse_with(const source *src, int start, arena *mem, coop_diags *d, program *out)
{
    parse_state *ps = mem_calloc(1, sizeof *ps);
    ps->mem = mem;
    ps->src = src;
    ps->diags = d;
    size_t before = coop_diags_errors(d);

    yyscan_t scanner;
    coop_yylex_init_extra(ps, &scanner);
    YY_BUFFER_STATE buf = coop_yy_scan_bytes(src->text, (int)src->len, scanner);
    coop_yypstate *pp = pstate_new();
    COOP_YYLTYPE lloc = first_loc(src);
    int status = start ? coop_yypush_parse(pp, start, NULL, &lloc, scanner, ps) : YYPUSH_MORE;
    if (start == START_WHY) ps->stmt_word = "why";
    feed f = {scanner, pp, ps, start == 0, src->line0 + 1, 0, 0, 0, {0}, {0, 0, 0, 0}, {0, 0, 0, 0}, 0, 0, 0, 0};
    while (status == YYPUSH_MORE) status = feed_push(&f, &lloc);
    coop_yypstate_delete(pp);
    coop_yy_delete_buffer(buf, scanner);
    coop_yylex_destroy(scanner);

    out->v = (decl **)ps->decls.v;
    out->n = ps->decls.n;
    int errs = coop_diags_errors(d) > before;
    free(ps);
    return errs ? -1 : 0;
}

int parse_source(const source *src, arena *mem, coop_diags *d, program *out)
{
    return parse_with(src, 0, mem, d, out);
}

int parse_input(const source *src, input_kind k, arena *mem, coop_diags *d, program *out)
{
    return parse_with(src, start_token(k), mem, d, out);
}

/* ---- an unfinished input, parsed as it grows ---- */

struct parse_more {
    arena mem;           /* its syntax tree, never used: a full parse makes the one kept */
    coop_diags *d;       /* its errors: any, and a full parse must say them */
    source src;          /* no text: none of it is shown */
    parse_state *ps;
    yyscan_t scanner;
    coop_yypstate *pp;
    COOP_YYLTYPE lloc;
    int settled;
};

/* Pushes the tokens of text[0..n); 1 while there is no error and the input
 * cannot end.  With `added`, an unsettled kind stops it where the input's
 * first parenthesis is closed, or at any token outside one. */
static int more_feed(parse_more *m, const char *text, size_t n, int added)
{
    YY_BUFFER_STATE b = coop_yy_scan_bytes(text, (int)n, m->scanner);
    int ok = 1;
    for (;;) {
        int open = m->ps->parens;
        COOP_YYSTYPE v;
        int t = coop_yylex(&v, &m->lloc, m->scanner);
        if (coop_diags_errors(m->d) || m->ps->fatal) ok = 0;
        if (!ok || t == END) break;
        if (added && !m->settled && (open == 0 || m->ps->parens == 0)) ok = 0;
        else if ((is_of(t, &v) && of_may_be_token(m->pp)) || time_word(m->pp, t, &v) || data_may(m->pp, t, &v))
            ok = 0; /* feed_push's to decide */
        else if (coop_yypush_parse(m->pp, t, &v, &m->lloc, m->scanner, m->ps) != YYPUSH_MORE || coop_diags_errors(m->d))
            ok = 0;
        parse_item_token(m->ps, t, &v, &m->lloc);
        if (!ok) break;
    }
    coop_yy_delete_buffer(b, m->scanner);
    return ok && !parse_can_end(m->pp);
}

parse_more *parse_more_new(const source *src, input_kind k, int settled)
{
    parse_more *m = mem_calloc(1, sizeof *m);
    arena_init(&m->mem);
    m->d = coop_diags_new();
    m->src.name = "";
    m->src.text = "";
    m->src.line0 = src->line0;
    m->settled = settled;
    m->ps = mem_calloc(1, sizeof *m->ps);
    m->ps->mem = &m->mem;
    m->ps->src = &m->src;
    m->ps->diags = m->d;
    coop_yylex_init_extra(m->ps, &m->scanner);
    m->pp = pstate_new();
    m->lloc = first_loc(src);
    int start = start_token(k);
    if ((start && coop_yypush_parse(m->pp, start, NULL, &m->lloc, m->scanner, m->ps) != YYPUSH_MORE) ||
        !more_feed(m, src->text, src->len, 0)) {
        parse_more_free(m);
        return NULL;
    }
    return m;
}

int parse_more_add(parse_more *m, const char *text, size_t n)
{
    return more_feed(m, text, n, 1);
}

void parse_more_free(parse_more *m)
{
    if (!m) return;
    coop_yypstate_delete(m->pp);
    coop_yylex_destroy(m->scanner);
    coop_diags_free(m->d);
    arena_free(&m->mem);
    free(m->ps);
    free(m);
}

/* A token of the classifier: its kind, text (of a name) and place. */
typedef struct tok {
    int k;
    const char *s;
    coop_loc loc;
} tok;

static tok lex(yyscan_t scanner, COOP_YYLTYPE *lloc)
{
    COOP_YYSTYPE v;
    tok t;
    t.k = coop_yylex(&v, lloc, scanner);
    if (t.k == END) ((parse_state *)coop_yyget_extra(scanner))->ended = 1;
    t.s = t.k == IDENT ? v.str : "";
    t.loc = *lloc;
    return t;
}

static input_kind classify(yyscan_t scanner, COOP_YYLTYPE *lloc, coop_loc *first, coop_loc *where)
{
    tok t0 = lex(scanner, lloc);
    *first = t0.loc;
    switch (t0.k) {
    case END: case KIND: case ACTOR: case RELATION: case PARTNERSHIP: case TENDER: case CONTRACT:
    case TIMELINE: case EVENT: case SHOW: case EXPLAIN: case DOMINANCE: case EXPECT:
        return IN_PROGRAM;
    case IDENT: break;
    default: return IN_VALUE;
    }
    tok t1 = lex(scanner, lloc);
    if (t1.k == IDENT || t1.k == END) { /* `set` alone waits for its changes, as `what if` does */
        if (strcmp(t0.s, "what") == 0 && t1.k == IDENT && strcmp(t1.s, "if") == 0) return IN_WHATIF;
        if (strcmp(t0.s, "set") == 0) return IN_SET;
        if (strcmp(t0.s, "why") == 0) return IN_WHY;
        if (strcmp(t0.s, "flip") == 0) return IN_PROGRAM; /* flip R(a, b) [by ...]; alone, it waits, as why does */
        /* bid TENDER by ACTOR {, attribute NAME : KIND range, data actors from "FILE" ..., param NAME = VALUE */
        if (words_declaration(t0.s) && t1.k == IDENT) return IN_PROGRAM;
        if (strcmp(t0.s, "sweep") == 0 && t1.k == IDENT) return IN_PROGRAM; /* sweep AXIS ... : STATEMENT */
    }
    /* slips a newcomer makes: a command without its colon, `what-if`, a
     * change without `set` or `what if` */
    static const char *const colon[] = {"help", "quit", "exit", "load", "save", NULL};
    int apart = t1.loc.line != t0.loc.end_line || t1.loc.col != t0.loc.end_col; /* `load ./x`, not `load.x` */
    for (int i = 0; colon[i] && (t1.k == END || t1.k == IDENT || (t1.k == '.' && apart)); i++)
        if (strcmp(t0.s, colon[i]) == 0 && (t1.k == END || i >= 3)) {
            *where = t0.loc;
            return IN_COLON;
        }
    if (strcmp(t0.s, "what") == 0 && t1.k == '-') {
        *where = t0.loc;
        return IN_WHAT_IF;
    }
    static const struct { const char *w; input_kind k; } words[] = {
        {"undo", IN_UNDO}, {"reset", IN_RESET}, {"changes", IN_CHANGES},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(t0.s, words[i].w) == 0 && t1.k != '.' && t1.k != '(') { /* `undo.x`: an actor's attribute */
            if (t1.k != END) *where = t1.loc; /* the caller says nothing may follow */
            return words[i].k;
        }
    /* a parameter read at a date: `w at 2014`, `on throughout 2014 .. 2015` */
    if (t1.k == IDENT && (!strcmp(t1.s, "at") || !strcmp(t1.s, "throughout") || !strcmp(t1.s, "during")))
        return IN_VALUE;
    if (t1.k == IDENT) {
        *where = t0.loc;
        return IN_UNKNOWN;
    }
    if (t1.k == '.') { /* `a.b = v` */
        tok t2 = lex(scanner, lloc), t3 = lex(scanner, lloc);
        if (t2.k == IDENT && (t3.k == '=' || t3.k == PLUSEQ || t3.k == MINUSEQ)) {
            *where = t0.loc;
            return IN_BARE_CHANGE;
        }
        return IN_VALUE;
    }
    if (t1.k == '=' || t1.k == PLUSEQ || t1.k == MINUSEQ) { /* `w = v`: a parameter's change */
        *where = t0.loc;
        return IN_BARE_CHANGE;
    }
    if (t1.k != '(') return IN_VALUE;
    /* `r(a, b) = v` declares a relation's value; `r(a, b)` alone is a value,
     * and so is a call with more than names in it (`max(a.x, 1`, `sum(x.y
     * for x: K`), which a later line may end, and one whose 'of' follows a
     * name or a ')' (`dominant(R of verdict)`: no relation value's actors
     * say that); `bid(t, x).f = v` is a change */
    for (int depth = 1, prev = '('; depth > 0;) {
        tok t = lex(scanner, lloc);
        if (t.k == END) return IN_PROGRAM;
        if (t.k != IDENT && t.k != ',' && t.k != ')') return IN_VALUE;
        if (t.k == IDENT && strcmp(t.s, "of") == 0 && (prev == IDENT || prev == ')')) return IN_VALUE;
        depth += t.k == ')' ? -1 : 0;
        prev = t.k;
    }
    int k = lex(scanner, lloc).k;
    if (k == '.' && lex(scanner, lloc).k == IDENT) k = lex(scanner, lloc).k;
    else if (k == '.') return IN_VALUE;
    else if (k == '=') return IN_PROGRAM;
    if (k == '=' || k == PLUSEQ || k == MINUSEQ) {
        *where = t0.loc;
        return IN_BARE_CHANGE;
    }
    return IN_VALUE;
}

/* A scanner over src with a parse state of its own, whose diagnostics go
 * nowhere (the parse proper reports them). */
typedef struct scan {
    arena mem;
    coop_diags *scratch;
    parse_state *ps;
    yyscan_t scanner;
    YY_BUFFER_STATE buf;
} scan;

static void scan_open(scan *sc, const source *src)
{
    arena_init(&sc->mem);
    sc->scratch = coop_diags_new();
    sc->ps = mem_calloc(1, sizeof *sc->ps);
    sc->ps->mem = &sc->mem;
    sc->ps->src = src;
    sc->ps->diags = sc->scratch;
    coop_yylex_init_extra(sc->ps, &sc->scanner);
    sc->buf = coop_yy_scan_bytes(src->text, (int)src->len, sc->scanner);
}

static void scan_close(scan *sc)
{
    coop_yy_delete_buffer(sc->buf, sc->scanner);
    coop_yylex_destroy(sc->scanner);
    free(sc->ps);
    coop_diags_free(sc->scratch);
    arena_free(&sc->mem);
}

int parse_braces(const source *src, int *ntokens)
{
    scan sc;
    scan_open(&sc, src);
    COOP_YYLTYPE lloc = first_loc(src);
    int open = 0, n = 0;
    for (int k; (k = lex(sc.scanner, &lloc).k) != END; n++) open += k == '{' ? 1 : k == '}' ? -1 : 0;
    scan_close(&sc);
    *ntokens = n;
    return open;
}

input_kind parse_classify(const source *src, coop_loc *first, coop_loc *where, int *settled)
{
    scan sc;
    scan_open(&sc, src);
    memset(where, 0, sizeof *where);
    COOP_YYLTYPE lloc = first_loc(src);
    input_kind k = classify(sc.scanner, &lloc, first, where);
    *settled = !sc.ps->ended;
    scan_close(&sc);
    return k;
}
