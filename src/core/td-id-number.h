/* td-id-number.h: mainland resident identity numbers (GB 11643-1999)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_ID_NUMBER_ERROR (td_id_number_error_quark ())

typedef enum {
  TD_ID_NUMBER_ERROR_LENGTH,
  TD_ID_NUMBER_ERROR_CHARACTER,
  TD_ID_NUMBER_ERROR_REGION,
  TD_ID_NUMBER_ERROR_BIRTH_DATE,
  TD_ID_NUMBER_ERROR_CHECKSUM,
} TdIdNumberError;

GQuark   td_id_number_error_quark    (void);
char     td_id_number_check_char     (const char *first17);
gboolean td_id_number_validate       (const char *number,
                                      GDate      *birth_date_out,
                                      GError    **error);
char    *td_id_number_mask           (const char *number);

G_END_DECLS
