/* file.h - files read whole, and written whole or not at all (:save, coop
 * test --junit); where a path relative to a file's directory leads. */
#ifndef COOP_FILE_H
#define COOP_FILE_H

#include <stddef.h>
#include <sys/stat.h>

#include "coop.h"

/* Writes text to path through a new file beside it, synced and renamed
 * over it: a reader sees the old file or the new one, never half.  A link
 * is written through (its target is replaced); `old`, the stat of a file
 * being replaced (NULL: none), gives the new one its mode.  0, or -1 with
 * "PATH: error: cannot write: REASON" in d. */
int file_replace(const char *path, const struct stat *old, const char *text, size_t len, coop_diags *d);

/* The bytes of the file at path (malloc'd, NUL-terminated, *len of them),
 * at most max; with `regular`, only of a regular file (not a pipe or a
 * device, which could block or never end).  NULL with *err set: the errno
 * of a failed open, minus that of a failed read, EISDIR for a directory,
 * ENODEV for what is not a regular file, EFBIG past max. */
char *file_read(const char *path, size_t max, int regular, size_t *len, int *err);

/* Path `rel` as read from a file named `from` (malloc'd): from `from`'s
 * directory when rel is relative, unless `from` names no directory or
 * something other than a regular file; else rel (from the working
 * directory).  A script read from a pipe (/dev/stdin) has no directory of
 * its own; one not written yet (:save checks what it writes) has. */
char *file_beside(const char *from, const char *rel);

#endif
