/* td-cloud-server.h: the platform over HTTP(S), with libsoup's SoupServer
 *
 * The SoupServer lives in the thread (and GMainContext) that creates it;
 * each request is handed to a pool of worker threads, one store
 * connection each, and answered back on the main context. One line per
 * request goes to standard error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "td-cloud-api.h"

G_BEGIN_DECLS

typedef struct _TdCloudServer TdCloudServer;

/* Called on the main context once a worker has answered, before the
 * answer is sent: TRUE when the hook has dealt with the message itself
 * (the tests steal the connection and close it, to lose a response after
 * its commit). */
typedef gboolean (*TdCloudResponseHook) (SoupServerMessage *message,
                                         TdCloudRequest    *request,
                                         TdCloudResponse   *response,
                                         gpointer           user_data);

/* Opens workers connections to the SQLite file db_path (creating it). */
TdCloudServer *td_cloud_server_new      (const char           *db_path,
                                         const TdCloudConfig  *config,
                                         guint                 workers,
                                         GError              **error);
/* Before listening: serve HTTPS with this certificate and key (PEM). */
gboolean       td_cloud_server_set_tls  (TdCloudServer        *self,
                                         const char           *cert_file,
                                         const char           *key_file,
                                         GError              **error);
/* "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:443"; port 0 takes a free one. */
gboolean       td_cloud_server_listen   (TdCloudServer        *self,
                                         const char           *address,
                                         GError              **error);
/* "http://127.0.0.1:41234/" with the port it really listens on. */
char          *td_cloud_server_get_url  (TdCloudServer        *self);
void           td_cloud_server_set_log  (TdCloudServer        *self,
                                         gboolean              log_requests);
void           td_cloud_server_set_response_hook (TdCloudServer       *self,
                                                  TdCloudResponseHook  hook,
                                                  gpointer             user_data);
/* Stops taking work (new requests get 503 and Connection: close), lets
 * every request in hand finish and its answer go out, closes the
 * connections, then calls drained once on the main context. */
void           td_cloud_server_shutdown (TdCloudServer        *self,
                                         GSourceFunc           drained,
                                         gpointer              user_data);
/* Waits for the workers, closes the store connections. */
void           td_cloud_server_free     (TdCloudServer        *self);

G_END_DECLS
