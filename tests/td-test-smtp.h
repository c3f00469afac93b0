/* td-test-smtp.h: a real SMTP server on 127.0.0.1 for the tests
 * (tests/smtp-server.py, Debian's python3-aiosmtpd), with STARTTLS on a
 * certificate made for the run and AUTH as desk@hotel.example with the
 * password "s3cret 密码"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TD_TEST_SMTP_USER     "desk@hotel.example"
#define TD_TEST_SMTP_PASSWORD "s3cret 密码"

typedef struct {
  GSubprocess *process;
  char        *dir;    /* the messages it received: NNNN.eml */
  char        *cert;   /* its certificate, to trust */
  guint        port;
} TdTestSmtpServer;

/* python3-aiosmtpd is installed */
gboolean          td_test_smtp_available    (void);
/* accept >= 0: messages after that many are refused with 451 */
TdTestSmtpServer *td_test_smtp_server_start (int               accept);
void              td_test_smtp_server_stop  (TdTestSmtpServer *server);
/* how many messages it received */
guint             td_test_smtp_n_received   (TdTestSmtpServer *server);

G_END_DECLS
