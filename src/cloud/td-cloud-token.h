/* td-cloud-token.h: the desks' tokens, and what the platform keeps of them
 *
 * A refresh token ("tdr_…", printed once by `tourdesk-cloud admin
 * desk-add`) signs a desk in for good; an access token ("tda_…") lives a
 * few minutes and goes with every request as "Authorization: Bearer".
 * Both are 256 random bits; the platform keeps only their SHA-256.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_CLOUD_REFRESH_PREFIX "tdr_"
#define TD_CLOUD_ACCESS_PREFIX  "tda_"

/* prefix followed by 43 base64url characters */
char *td_cloud_token_new  (const char *prefix);
/* lower-case hex SHA-256 of the token */
char *td_cloud_token_hash (const char *token);

G_END_DECLS
