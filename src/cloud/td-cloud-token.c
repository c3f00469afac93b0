/* td-cloud-token.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <sys/random.h>

#include "td-cloud-token.h"

static void
random_bytes (guchar *buffer,
              gsize   size)
{
  gsize done = 0;

  /* the kernel's generator: GLib's g_random is not for secrets */
  while (done < size)
    {
      gssize n = getrandom (buffer + done, size - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("no random bytes from the kernel: %s", g_strerror (errno));
      done += (gsize) n;
    }
}

char *
td_cloud_token_new (const char *prefix)
{
  guchar bytes[32];
  g_autofree char *encoded = NULL;

  random_bytes (bytes, sizeof bytes);
  encoded = g_base64_encode (bytes, sizeof bytes);
  /* base64url without padding: safe in headers and file names */
  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  g_strdelimit (encoded, "=", '\0');
  return g_strconcat (prefix, encoded, NULL);
}

char *
td_cloud_token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}
