/* file.h - files written whole or not at all (:save, coop test --junit). */
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

#endif
