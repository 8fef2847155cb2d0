/*
 * parse.h - parser glue: runs the flex scanner and the bison parser over one
 * source and returns its syntax tree.
 */
#ifndef COOP_PARSE_H
#define COOP_PARSE_H

#include "ast.h"
#include "diag.h"

/* An opening brace the parser has not yet seen closed. */
typedef struct open_brace {
    coop_loc loc;
    const char *what; /* "partnership 'alliance'", or NULL */
} open_brace;

/* The state shared by scanner and parser (bison's parse-param, flex's
 * extra): no globals, so many sources can be parsed in one process. */
typedef struct parse_state {
    arena *mem;
    const source *src;
    coop_diags *diags;
    alist decls;
    int parens;                           /* open ( */
    open_brace braces[COOP_MAX_DEPTH + 1];
    int nbraces;
    int fatal;                            /* stop: no further syntax errors */
    int depth_reported;                   /* the depth error of this statement was said */
    int rule_syntax_error;                /* the partnership being parsed had one */
} parse_state;

/* Parses src into a program whose nodes live in `mem`.  Returns 0 when the
 * source has no syntax errors. */
int parse_source(const source *src, arena *mem, coop_diags *d, program *out);

#endif
