/* td-ticket-code.c: signed e-ticket codes (see td-ticket-code.h)
 *
 * GnuTLS was chosen for Ed25519: it is in Debian 12 (3.7.9) and in the
 * GNOME runtime already, and GLib has no public-key signatures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <string.h>

#include "td-ticket-code.h"

#define CODE_VERSION   1
#define SIGNED_BYTES   43
#define SIGNATURE_SIZE 64
#define CODE_BYTES     (SIGNED_BYTES + SIGNATURE_SIZE)
#define RAW_KEY_SIZE   32

G_STATIC_ASSERT (TD_TICKET_CODE_LENGTH == (CODE_BYTES * 8 + 4) / 5);

struct _TdTicketKey {
  gnutls_privkey_t privkey;   /* NULL for a public key only */
  gnutls_pubkey_t  pubkey;
  guint8           seed[RAW_KEY_SIZE];
  guint8           public_raw[RAW_KEY_SIZE];
  guint32          id;
};

static const char * const type_names[] = { "adult", "child", "senior", "student", "free" };
G_STATIC_ASSERT (G_N_ELEMENTS (type_names) == TD_TICKET_N_TYPES);

G_DEFINE_QUARK (td-ticket-code-error-quark, td_ticket_code_error)

const char *
td_ticket_type_to_string (TdTicketType type)
{
  g_return_val_if_fail (type < TD_TICKET_N_TYPES, NULL);
  return type_names[type];
}

int
td_ticket_type_from_string (const char *text)
{
  for (guint i = 0; text && i < TD_TICKET_N_TYPES; i++)
    if (g_str_equal (text, type_names[i]))
      return (int) i;
  return -1;
}

const char *
td_ticket_type_get_label (TdTicketType type)
{
  switch (type)
    {
    case TD_TICKET_ADULT:   return C_("ticket type", "Adult");
    case TD_TICKET_CHILD:   return C_("ticket type", "Child");
    case TD_TICKET_SENIOR:  return C_("ticket type", "Senior");
    case TD_TICKET_STUDENT: return C_("ticket type", "Student");
    case TD_TICKET_FREE:    return C_("ticket type", "Free");
    case TD_TICKET_N_TYPES:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ------------------------------------------------------------------ */
/* keys                                                               */

static void
key_error (GError **error,
           int      rc)
{
  g_set_error (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_KEY,
               _("The ticket signing key does not work: %s"), gnutls_strerror (rc));
}

static guint32
raw_key_id (const guint8 *public_raw)
{
  guint8 digest[32];
  gsize length = sizeof digest;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, public_raw, RAW_KEY_SIZE);
  g_checksum_get_digest (checksum, digest, &length);
  return ((guint32) digest[0] << 24) | ((guint32) digest[1] << 16) | ((guint32) digest[2] << 8) | digest[3];
}

/* the key from its raw halves: seed NULL for a public key only */
static TdTicketKey *
key_from_raw (const guint8  *seed,
              const guint8  *public_raw,
              GError       **error)
{
  g_autoptr(TdTicketKey) key = g_new0 (TdTicketKey, 1);
  gnutls_datum_t x = { (unsigned char *) public_raw, RAW_KEY_SIZE };
  int rc;

  memcpy (key->public_raw, public_raw, RAW_KEY_SIZE);
  key->id = raw_key_id (public_raw);
  if ((rc = gnutls_pubkey_init (&key->pubkey)) < 0
      || (rc = gnutls_pubkey_import_ecc_raw (key->pubkey, GNUTLS_ECC_CURVE_ED25519, &x, NULL)) < 0)
    {
      key_error (error, rc);
      return NULL;
    }
  if (seed)
    {
      gnutls_datum_t k = { (unsigned char *) seed, RAW_KEY_SIZE };

      memcpy (key->seed, seed, RAW_KEY_SIZE);
      if ((rc = gnutls_privkey_init (&key->privkey)) < 0
          || (rc = gnutls_privkey_import_ecc_raw (key->privkey, GNUTLS_ECC_CURVE_ED25519, &x, NULL, &k)) < 0)
        {
          key_error (error, rc);
          return NULL;
        }
    }
  return g_steal_pointer (&key);
}

TdTicketKey *
td_ticket_key_generate (GError **error)
{
  gnutls_privkey_t privkey = NULL;
  gnutls_ecc_curve_t curve;
  gnutls_datum_t x = { NULL, 0 }, k = { NULL, 0 };
  TdTicketKey *key = NULL;
  int rc;

  if ((rc = gnutls_privkey_init (&privkey)) < 0
      || (rc = gnutls_privkey_generate2 (privkey, GNUTLS_PK_EDDSA_ED25519, 256, 0, NULL, 0)) < 0
      || (rc = gnutls_privkey_export_ecc_raw2 (privkey, &curve, &x, NULL, &k, 0)) < 0)
    key_error (error, rc);
  else if (x.size != RAW_KEY_SIZE || k.size != RAW_KEY_SIZE)
    key_error (error, GNUTLS_E_INTERNAL_ERROR);
  else
    key = key_from_raw (k.data, x.data, error);

  if (k.data)
    {
      memset (k.data, 0, k.size);
      gnutls_free (k.data);
    }
  gnutls_free (x.data);
  if (privkey)
    gnutls_privkey_deinit (privkey);
  return key;
}

TdTicketKey *
td_ticket_key_new_from_text (const char  *text,
                             GError     **error)
{
  g_autofree guint8 *raw = NULL;
  gsize length = 0;
  TdTicketKey *key;

  g_return_val_if_fail (text != NULL, NULL);

  raw = g_base64_decode (text, &length);
  if (length != 2 * RAW_KEY_SIZE)
    {
      g_set_error_literal (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_KEY,
                           _("The workspace's ticket signing key is damaged"));
      return NULL;
    }
  key = key_from_raw (raw, raw + RAW_KEY_SIZE, error);
  memset (raw, 0, length);
  return key;
}

TdTicketKey *
td_ticket_key_new_from_public_pem (const char  *pem,
                                   gsize        length,
                                   GError     **error)
{
  gnutls_pubkey_t pubkey = NULL;
  gnutls_datum_t data = { (unsigned char *) pem, (unsigned int) length };
  gnutls_datum_t x = { NULL, 0 };
  gnutls_ecc_curve_t curve = GNUTLS_ECC_CURVE_INVALID;
  TdTicketKey *key = NULL;
  int rc;

  if ((rc = gnutls_pubkey_init (&pubkey)) < 0
      || (rc = gnutls_pubkey_import (pubkey, &data, GNUTLS_X509_FMT_PEM)) < 0
      || (rc = gnutls_pubkey_export_ecc_raw2 (pubkey, &curve, &x, NULL, 0)) < 0)
    g_set_error (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_KEY,
                 _("Not a public key in PEM form: %s"), gnutls_strerror (rc));
  else if (curve != GNUTLS_ECC_CURVE_ED25519 || x.size != RAW_KEY_SIZE)
    g_set_error_literal (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_KEY,
                         _("Not an Ed25519 public key (Tourdesk signs tickets with Ed25519)"));
  else
    key = key_from_raw (NULL, x.data, error);

  gnutls_free (x.data);
  if (pubkey)
    gnutls_pubkey_deinit (pubkey);
  return key;
}

char *
td_ticket_key_to_text (TdTicketKey *key)
{
  guint8 raw[2 * RAW_KEY_SIZE];
  char *text;

  g_return_val_if_fail (key->privkey != NULL, NULL);
  memcpy (raw, key->seed, RAW_KEY_SIZE);
  memcpy (raw + RAW_KEY_SIZE, key->public_raw, RAW_KEY_SIZE);
  text = g_base64_encode (raw, sizeof raw);
  memset (raw, 0, sizeof raw);
  return text;
}

char *
td_ticket_key_export_public (TdTicketKey  *key,
                             GError      **error)
{
  gnutls_datum_t out = { NULL, 0 };
  char *pem;
  int rc;

  if ((rc = gnutls_pubkey_export2 (key->pubkey, GNUTLS_X509_FMT_PEM, &out)) < 0)
    {
      key_error (error, rc);
      return NULL;
    }
  pem = g_strndup ((const char *) out.data, out.size);
  gnutls_free (out.data);
  return pem;
}

guint32
td_ticket_key_get_id (TdTicketKey *key)
{
  return key->id;
}

gboolean
td_ticket_key_can_sign (TdTicketKey *key)
{
  return key->privkey != NULL;
}

void
td_ticket_key_free (TdTicketKey *key)
{
  if (key == NULL)
    return;
  if (key->privkey)
    gnutls_privkey_deinit (key->privkey);
  if (key->pubkey)
    gnutls_pubkey_deinit (key->pubkey);
  memset (key, 0, sizeof *key);
  g_free (key);
}

/* ------------------------------------------------------------------ */
/* base32 (RFC 4648, upper case, no padding)                          */

static const char base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static char *
base32_encode (const guint8 *data,
               gsize         length)
{
  GString *out = g_string_sized_new ((length * 8 + 4) / 5 + 1);
  guint32 buffer = 0;
  int bits = 0;

  for (gsize i = 0; i < length; i++)
    {
      buffer = (buffer << 8) | data[i];
      bits += 8;
      while (bits >= 5)
        {
          g_string_append_c (out, base32_alphabet[(buffer >> (bits - 5)) & 31]);
          bits -= 5;
        }
    }
  if (bits > 0)
    g_string_append_c (out, base32_alphabet[(buffer << (5 - bits)) & 31]);
  return g_string_free (out, FALSE);
}

/* FALSE when text has a character outside the alphabet or leftover bits
 * that are not zero (so that each code has one spelling) */
static gboolean
base32_decode (const char *text,
               guint8     *out,
               gsize       length)
{
  guint32 buffer = 0;
  int bits = 0;
  gsize n = 0;

  for (const char *p = text; *p; p++)
    {
      const char *at = strchr (base32_alphabet, *p);

      if (at == NULL)
        return FALSE;
      buffer = (buffer << 5) | (guint32) (at - base32_alphabet);
      bits += 5;
      if (bits >= 8)
        {
          if (n >= length)
            return FALSE;
          out[n++] = (buffer >> (bits - 8)) & 0xff;
          bits -= 8;
        }
    }
  return n == length && (buffer & ((1u << bits) - 1)) == 0;
}

/* ------------------------------------------------------------------ */
/* codes                                                              */

char *
td_ticket_code_normalise (const char *code)
{
  GString *out;

  g_return_val_if_fail (code != NULL, NULL);

  out = g_string_new (NULL);
  for (const char *p = code; *p; p++)
    {
      if (g_ascii_isspace (*p) || *p == '-')
        continue;
      if (!g_ascii_isalnum (*p))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, g_ascii_toupper (*p));
    }
  return g_string_free (out, FALSE);
}

static gboolean
uuid_to_bytes (const char *uuid,
               guint8     *out)
{
  guint n = 0;

  if (uuid == NULL || !g_uuid_string_is_valid (uuid))
    return FALSE;
  for (const char *p = uuid; *p && n < 16; p++)
    {
      if (*p == '-')
        continue;
      out[n++] = (guint8) ((g_ascii_xdigit_value (p[0]) << 4) | g_ascii_xdigit_value (p[1]));
      p++;
    }
  return n == 16;
}

static void
uuid_from_bytes (const guint8 *bytes,
                 char         *out)
{
  g_snprintf (out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
              bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
              bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
}

char *
td_ticket_code_sign (TdTicketKey             *key,
                     const TdTicketCodeData  *data,
                     GError                 **error)
{
  guint8 bytes[CODE_BYTES];
  gnutls_datum_t message = { bytes, SIGNED_BYTES };
  gnutls_datum_t signature = { NULL, 0 };
  int rc;

  g_return_val_if_fail (key != NULL && data != NULL, NULL);
  g_return_val_if_fail (key->privkey != NULL, NULL);

  if (!uuid_to_bytes (data->ticket_id, bytes + 1) || !uuid_to_bytes (data->attraction_id, bytes + 17)
      || data->date == 0 || data->date > 0xffffff || data->start_minutes >= 24 * 60
      || data->type >= TD_TICKET_N_TYPES)
    {
      g_set_error_literal (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_MALFORMED,
                           _("A ticket code needs the ticket's and the attraction's ids, a date, a time and a type"));
      return NULL;
    }
  bytes[0] = CODE_VERSION;
  bytes[33] = (data->date >> 16) & 0xff;
  bytes[34] = (data->date >> 8) & 0xff;
  bytes[35] = data->date & 0xff;
  bytes[36] = (data->start_minutes >> 8) & 0xff;
  bytes[37] = data->start_minutes & 0xff;
  bytes[38] = (guint8) data->type;
  bytes[39] = (key->id >> 24) & 0xff;
  bytes[40] = (key->id >> 16) & 0xff;
  bytes[41] = (key->id >> 8) & 0xff;
  bytes[42] = key->id & 0xff;

  rc = gnutls_privkey_sign_data2 (key->privkey, GNUTLS_SIGN_EDDSA_ED25519, 0, &message, &signature);
  if (rc < 0 || signature.size != SIGNATURE_SIZE)
    {
      key_error (error, rc < 0 ? rc : GNUTLS_E_INTERNAL_ERROR);
      gnutls_free (signature.data);
      return NULL;
    }
  memcpy (bytes + SIGNED_BYTES, signature.data, SIGNATURE_SIZE);
  gnutls_free (signature.data);
  return base32_encode (bytes, sizeof bytes);
}

static gboolean
decode_bytes (const char        *code,
              guint8            *bytes,
              TdTicketCodeData  *data,
              GError           **error)
{
  g_autofree char *normal = td_ticket_code_normalise (code);

  memset (data, 0, sizeof *data);
  if (normal == NULL || strlen (normal) != TD_TICKET_CODE_LENGTH
      || strspn (normal, base32_alphabet) != TD_TICKET_CODE_LENGTH)
    {
      g_set_error_literal (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_MALFORMED,
                           _("This is not a Tourdesk ticket code"));
      return FALSE;
    }
  /* the shape of a code, but not one we could have made: altered */
  if (!base32_decode (normal, bytes, CODE_BYTES) || bytes[0] != CODE_VERSION)
    {
      g_set_error_literal (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_FORGED,
                           _("This ticket code is forged or altered"));
      return FALSE;
    }
  uuid_from_bytes (bytes + 1, data->ticket_id);
  uuid_from_bytes (bytes + 17, data->attraction_id);
  data->date = ((guint32) bytes[33] << 16) | ((guint32) bytes[34] << 8) | bytes[35];
  data->start_minutes = ((guint) bytes[36] << 8) | bytes[37];
  data->type = (TdTicketType) bytes[38];
  data->key_id = ((guint32) bytes[39] << 24) | ((guint32) bytes[40] << 16) | ((guint32) bytes[41] << 8) | bytes[42];
  /* a signed code cannot hold these, but a forged one can: still forged */
  if (!g_date_valid_julian (data->date) || data->start_minutes >= 24 * 60 || bytes[38] >= TD_TICKET_N_TYPES)
    {
      g_set_error_literal (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_FORGED,
                           _("This ticket code is forged or altered"));
      return FALSE;
    }
  return TRUE;
}

gboolean
td_ticket_code_decode (const char        *code,
                       TdTicketCodeData  *data,
                       GError           **error)
{
  guint8 bytes[CODE_BYTES];

  g_return_val_if_fail (code != NULL && data != NULL, FALSE);
  return decode_bytes (code, bytes, data, error);
}

gboolean
td_ticket_code_verify (TdTicketKey       *key,
                       const char        *code,
                       TdTicketCodeData  *data,
                       GError           **error)
{
  guint8 bytes[CODE_BYTES];
  gnutls_datum_t message = { bytes, SIGNED_BYTES };
  gnutls_datum_t signature = { bytes + SIGNED_BYTES, SIGNATURE_SIZE };

  g_return_val_if_fail (key != NULL && code != NULL && data != NULL, FALSE);

  if (!decode_bytes (code, bytes, data, error))
    return FALSE;
  if (data->key_id != key->id
      || gnutls_pubkey_verify_data2 (key->pubkey, GNUTLS_SIGN_EDDSA_ED25519, 0, &message, &signature) < 0)
    {
      g_set_error_literal (error, TD_TICKET_CODE_ERROR, TD_TICKET_CODE_ERROR_FORGED,
                           _("This ticket code is forged or altered"));
      return FALSE;
    }
  return TRUE;
}
