/* td-catalogue-client.h: the desk's side of the platform's catalogue and of ticket sales
 *
 * Fetches the platform's attraction time slots and their quotas (GET
 * /v1/catalogue, with If-None-Match on the last ETag) into the workspace
 * (td_tickets_apply_catalogue()), and sells tickets: when the slot comes
 * from the platform and the platform answers, the places are taken there
 * first (a booking with slot_id and quantity, which the platform confirms
 * or refuses atomically); a sale the platform refuses is refused here with
 * its reason. When the platform cannot be reached, the sale is made
 * against the quota of the last sync and marked offline; the next refresh
 * reports it to the platform (one booking per ticket, whose id comes from
 * the ticket's: a repeated report takes no place twice), and gives back
 * the places of tickets voided here.
 *
 * Each call runs in a worker thread (GTask) with a libsoup session of its
 * own; the callbacks come back in the caller's thread-default context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "td-tickets.h"

G_BEGIN_DECLS

#define TD_CATALOGUE_ERROR (td_catalogue_error_quark ())

typedef enum {
  TD_CATALOGUE_ERROR_OFFLINE,   /* the platform could not be reached or is unavailable */
  TD_CATALOGUE_ERROR_REFUSED,   /* the platform refused the request (its reason in the message) */
  TD_CATALOGUE_ERROR_PROTOCOL,  /* an answer that makes no sense */
} TdCatalogueError;

#define TD_SETTING_CATALOGUE_ETAG "catalogue-etag"

typedef struct {
  gboolean changed;   /* FALSE: 304, the quotas are confirmed as of now */
  guint    slots;     /* slots of our attractions in the catalogue */
  guint    reported;  /* offline tickets the platform has now confirmed */
  guint    refused;   /* offline tickets the platform refused (sold out there): void now */
  guint    released;  /* void tickets whose places the platform has back */
} TdCatalogueUpdate;

#define TD_TYPE_CATALOGUE_CLIENT (td_catalogue_client_get_type ())

G_DECLARE_FINAL_TYPE (TdCatalogueClient, td_catalogue_client, TD, CATALOGUE_CLIENT, GObject)

GQuark             td_catalogue_error_quark          (void);

/* server_url: "https://host[:port]/"; refresh_token: the desk's sign-in */
TdCatalogueClient *td_catalogue_client_new           (TdDatabase          *database,
                                                      const char          *server_url,
                                                      const char          *refresh_token);
/* seconds a request may take (default 30) */
void               td_catalogue_client_set_timeout   (TdCatalogueClient   *self,
                                                      guint                seconds);

/* the refresh does nothing while the workspace has neither places nor
 * tickets (the background sync's; off by default) */
void               td_catalogue_client_set_only_when_needed (TdCatalogueClient *self,
                                                      gboolean             only);

void               td_catalogue_client_refresh_async (TdCatalogueClient   *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean           td_catalogue_client_refresh_finish (TdCatalogueClient  *self,
                                                      GAsyncResult        *result,
                                                      TdCatalogueUpdate   *update,
                                                      GError             **error);

/* Sells sale in database; self NULL: no platform (a slot from the
 * platform is then sold offline). The strings of sale are copied. */
void               td_catalogue_client_sell_async    (TdCatalogueClient   *self,
                                                      TdDatabase          *database,
                                                      const TdTicketSale  *sale,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* The tickets (TdTicket), or NULL with error: TD_TICKETS_ERROR_SOLD_OUT
 * with the platform's reason when it says the slot is full. */
GPtrArray         *td_catalogue_client_sell_finish   (GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
