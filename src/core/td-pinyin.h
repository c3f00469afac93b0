/* td-pinyin.h: Han characters to pinyin, for searching names
 *
 * Readings come without tones (ü is written v: 女 → "nv"), from the table
 * generated out of mozillazg's pinyin-data (data/pinyin/README.md). ASCII
 * letters and digits are kept, lowercased (full-width ones too); everything
 * else (spaces, punctuation, characters without a reading) separates words
 * and is dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether c is a Han character the table knows. */
gboolean td_pinyin_has_reading      (gunichar    c);

/* The readings of c, the most common first, or NULL (and 0) when it has
 * none; the strings are static. */
const char * const *td_pinyin_readings (gunichar  c,
                                        guint    *n_readings);

/* With the most common reading of each character:
 * 张伟 → "zw", "ABC酒店" → "abcjd". NULL for NULL. */
char    *td_pinyin_initials         (const char *text);
/* Syllables and words separated by one space:
 * 张伟 → "zhang wei", "ABC酒店" → "abc jiu dian". NULL for NULL. */
char    *td_pinyin_full             (const char *text);

/* Every combination of readings of the heteronyms (曾伟 → "cw", "zw"), at
 * most max_variants (0, or more than 64: 64): the one of the most common
 * readings first, then those that differ from it in fewer characters;
 * without duplicates. td_pinyin_full_variants() writes no spaces
 * ("zhangwei"), as a search key. Never NULL: an empty vector when text has
 * nothing to write. */
char   **td_pinyin_initials_variants (const char *text,
                                      guint       max_variants);
char   **td_pinyin_full_variants     (const char *text,
                                      guint       max_variants);

G_END_DECLS
