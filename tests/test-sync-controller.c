/* test-sync-controller.c: the app's background sync against a platform in
 * the test's process: sign-in, the timer, backoff and Retry-After, the
 * network's return, 401 mid-run, 403/426, the status in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-cloud-api-private.h"
#include "td-cloud-test-utils.h"
#include "td-secret-store.h"
#include "td-sync-controller.h"
#include "td-sync-engine.h"

/* ------------------------------------------------------------------ */
/* a network monitor the test switches                                 */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

static void test_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

enum { PROP_0, PROP_AVAILABLE, PROP_METERED, PROP_CONNECTIVITY };

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
test_monitor_initable (GInitable *initable, GCancellable *cancellable, GError **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

static void
test_monitor_set (TestMonitor *self,
                  gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

/* ------------------------------------------------------------------ */
/* the platform, with answers the test replaces                         */

typedef struct {
  TdCloudThread  server;
  gint           status;       /* answer pulls with this status… */
  gint           times;        /* …this many times (-1: always) */
  gint           retry_after;  /* seconds, 0: no header */
  gint           token_calls;  /* POST /v1/auth/token seen */
} Platform;

static gboolean
replace_answer (SoupServerMessage *message,
                TdCloudRequest    *request,
                TdCloudResponse   *response,
                gpointer           user_data)
{
  Platform *platform = user_data;
  int status = g_atomic_int_get (&platform->status);
  int times = g_atomic_int_get (&platform->times);

  if (g_str_equal (request->path, "/v1/auth/token"))
    g_atomic_int_inc (&platform->token_calls);
  if (status == 0 || times == 0 || !g_str_equal (request->path, "/v1/sync/pull"))
    return FALSE;
  if (times > 0)
    g_atomic_int_add (&platform->times, -1);
  td_cloud_problem (response, (guint) status, "test", "Injected by the test.");
  if (platform->retry_after > 0)
    {
      g_ptr_array_add (response->headers, g_strdup ("Retry-After"));
      g_ptr_array_add (response->headers, g_strdup_printf ("%d", platform->retry_after));
    }
  return FALSE;
}

static void
platform_fail (Platform *platform,
               int       status,
               int       times,
               int       retry_after)
{
  platform->retry_after = retry_after;
  g_atomic_int_set (&platform->times, times);
  g_atomic_int_set (&platform->status, status);
}

typedef struct {
  Platform          platform;
  TdCloudDeskInfo   desk;
  TdDatabase       *db;
  TdSecretStore    *secrets;
  TestMonitor      *monitor;
  TdSyncController *controller;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static int n;
  g_autofree char *cloud = g_strdup_printf ("controller-%d.cloud", ++n);
  g_autofree char *workspace = g_strdup_printf ("controller-%d.tourdesk", n);
  g_autofree char *secrets = g_strdup_printf ("controller-%d.secrets", n);
  g_autofree char *secrets_path = td_test_path (secrets);

  td_cloud_thread_start (&f->platform.server, cloud, replace_answer, &f->platform);
  td_cloud_add_desk (f->platform.server.db, "黄山旅行社", "门市部", &f->desk);
  f->db = td_test_workspace (workspace, TD_PROFILE_AGENCY);
  f->secrets = td_secret_store_new_file (secrets_path);
  f->monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  f->controller = td_sync_controller_new (f->db, f->secrets, G_NETWORK_MONITOR (f->monitor));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->controller);
  g_clear_object (&f->monitor);
  g_clear_object (&f->secrets);
  g_clear_object (&f->db);
  td_cloud_desk_info_clear (&f->desk);
  td_cloud_thread_stop (&f->platform.server);
}

static gboolean
timed_out (gpointer user_data)
{
  g_assert_not_reached ();
  return G_SOURCE_REMOVE;
}

/* iterates the main context until the controller's status is status and
 * no cycle runs */
static void
wait_for_status (Fixture      *f,
                 TdSyncStatus  status)
{
  guint timeout = g_timeout_add_seconds (30, timed_out, NULL);

  while (td_sync_controller_get_status (f->controller) != status
         || td_sync_controller_get_syncing (f->controller))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static void
sign_in_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  td_sync_controller_sign_in_finish (TD_SYNC_CONTROLLER (source), result, error);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "ok");
}

/* signs in and waits for the first cycle's end */
static void
sign_in (Fixture    *f,
         const char *token)
{
  GError *error = NULL;

  td_sync_controller_sign_in_async (f->controller, f->platform.server.url, token, NULL, sign_in_done, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_error_free (error);
}

static void
add_customer (TdDatabase *db,
              const char *name)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_change_unref);
  g_autoptr(GError) error = NULL;
  TdChange *change = td_change_new_insert ("customer", NULL);

  td_change_set_string (change, "party", "person");
  td_change_set_string (change, "name", name);
  g_ptr_array_add (changes, change);
  td_database_commit (db, "clerk@desk", changes, &error);
  g_assert_no_error (error);
}

/* iterates until the pending count is n */
static void
wait_for_pending (Fixture *f,
                  gint64   n)
{
  guint timeout = g_timeout_add_seconds (30, timed_out, NULL);

  while (td_sync_controller_get_pending (f->controller) != n)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static char *
status_text (Fixture *f)
{
  return td_sync_controller_dup_status_text (f->controller, g_get_real_time ());
}

/* ------------------------------------------------------------------ */

static void
test_not_set_up (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *text = NULL;

  td_sync_controller_start (f->controller);
  g_assert_cmpint (td_sync_controller_get_status (f->controller), ==, TD_SYNC_STATUS_NOT_SET_UP);
  text = status_text (f);
  g_assert_cmpstr (text, ==, "Not connected");
  /* nothing to do: sync now does nothing and says nothing */
  td_sync_controller_sync_now (f->controller);
  g_assert_false (td_sync_controller_get_syncing (f->controller));
}

static void
test_sign_in_and_sync (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *text = NULL, *kept = NULL, *url = NULL, *desk = NULL;
  g_autoptr(GError) error = NULL;
  GError *refused = NULL;

  /* a refused sign-in is not kept */
  td_sync_controller_sign_in_async (f->controller, f->platform.server.url, "tdr_wrong", NULL, sign_in_done, &refused);
  while (refused == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (refused, TD_SYNC_ERROR, TD_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&refused);
  url = td_database_dup_setting (f->db, TD_SETTING_PLATFORM_URL);
  g_assert_null (url);

  add_customer (f->db, "李雷");
  sign_in (f, f->desk.refresh_token);
  desk = td_database_dup_setting (f->db, TD_SETTING_DESK_ID);
  kept = td_secret_store_lookup (f->secrets, f->platform.server.url, desk, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, f->desk.refresh_token);

  wait_for_status (f, TD_SYNC_STATUS_SYNCED);
  g_assert_cmpint (td_sync_controller_get_last_success (f->controller), >, 0);
  wait_for_pending (f, 0);
  text = status_text (f);
  g_assert_cmpstr (text, ==, "Synced just now");
  /* the next cycle is planned at the interval */
  g_assert_cmpuint (td_sync_controller_get_next_delay (f->controller), >, 250);
  g_assert_cmpuint (td_sync_controller_get_next_delay (f->controller), <=, 300);

  /* a change made here shows as waiting; "2 min ago" comes with time */
  add_customer (f->db, "韩梅梅");
  wait_for_pending (f, 1);
  g_clear_pointer (&text, g_free);
  text = td_sync_controller_dup_status_text (f->controller, g_get_real_time () + 2 * 60 * G_USEC_PER_SEC + 5);
  g_assert_cmpstr (text, ==, "Synced 2 min ago — 1 change waiting");

  /* sync now sends it */
  td_sync_controller_sync_now (f->controller);
  g_assert_true (td_sync_controller_get_syncing (f->controller));
  wait_for_status (f, TD_SYNC_STATUS_SYNCED);
  wait_for_pending (f, 0);

  /* signing out forgets the sign-in and stops */
  g_assert_true (td_sync_controller_sign_out (f->controller, &error));
  g_assert_no_error (error);
  g_clear_pointer (&kept, g_free);
  kept = td_secret_store_lookup (f->secrets, f->platform.server.url, desk, NULL, &error);
  g_assert_null (kept);
  g_assert_cmpint (td_sync_controller_get_status (f->controller), ==, TD_SYNC_STATUS_NOT_SET_UP);
  g_assert_cmpuint (td_sync_controller_get_next_delay (f->controller), ==, 0);
}

/* 429 with Retry-After: the next try is not before it; 503 without: backoff with jitter */
static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *text = NULL;
  guint delay;

  platform_fail (&f->platform, 429, -1, 900);
  sign_in (f, f->desk.refresh_token);
  wait_for_status (f, TD_SYNC_STATUS_WAITING);
  delay = td_sync_controller_get_next_delay (f->controller);
  g_assert_cmpuint (delay, >=, 899);
  g_assert_cmpuint (delay, <=, 900);
  text = status_text (f);
  g_assert_cmpstr (text, ==, "Platform unavailable — trying again in 15 min");
  g_assert_nonnull (strstr (td_sync_controller_get_message (f->controller), "429"));

  platform_fail (&f->platform, 503, -1, 0);
  td_sync_controller_sync_now (f->controller);
  wait_for_status (f, TD_SYNC_STATUS_WAITING);
  delay = td_sync_controller_get_next_delay (f->controller);
  /* the first failure after "sync now": 30 s ± 20 % */
  g_assert_cmpuint (delay, >=, 23);
  g_assert_cmpuint (delay, <=, 36);
  g_assert_nonnull (strstr (td_sync_controller_get_message (f->controller), "503"));

  platform_fail (&f->platform, 0, 0, 0);
  td_sync_controller_sync_now (f->controller);
  wait_for_status (f, TD_SYNC_STATUS_SYNCED);
}

/* 401 in the middle of a run: one refresh, then the run goes on */
static void
test_unauthorized_mid_run (Fixture       *f,
                           gconstpointer  data)
{
  sign_in (f, f->desk.refresh_token);
  wait_for_status (f, TD_SYNC_STATUS_SYNCED);
  g_atomic_int_set (&f->platform.token_calls, 0);

  add_customer (f->db, "张伟");
  platform_fail (&f->platform, 401, 1, 0);
  td_sync_controller_sync_now (f->controller);
  wait_for_status (f, TD_SYNC_STATUS_SYNCED);
  g_assert_cmpint (g_atomic_int_get (&f->platform.token_calls), ==, 1);
  wait_for_pending (f, 0);

  /* 401 again after the refresh: the sign-in is expired, no more tries */
  platform_fail (&f->platform, 401, -1, 0);
  td_sync_controller_sync_now (f->controller);
  wait_for_status (f, TD_SYNC_STATUS_SIGNED_OUT);
  g_assert_cmpuint (td_sync_controller_get_next_delay (f->controller), ==, 0);
  {
    g_autofree char *text = status_text (f);
    g_assert_cmpstr (text, ==, "Sign-in expired");
  }
}

/* 403 and 426 stop syncing with a message */
static void
test_stopped (Fixture       *f,
              gconstpointer  data)
{
  platform_fail (&f->platform, 403, -1, 0);
  sign_in (f, f->desk.refresh_token);
  wait_for_status (f, TD_SYNC_STATUS_STOPPED);
  g_assert_cmpuint (td_sync_controller_get_next_delay (f->controller), ==, 0);
  g_assert_nonnull (strstr (td_sync_controller_get_message (f->controller), "disabled"));

  platform_fail (&f->platform, 426, -1, 0);
  td_sync_controller_sync_now (f->controller);
  wait_for_status (f, TD_SYNC_STATUS_STOPPED);
  g_assert_nonnull (strstr (td_sync_controller_get_message (f->controller), "newer Tourdesk"));
}

/* no network: offline with the changes waiting; its return syncs */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *text = NULL;

  sign_in (f, f->desk.refresh_token);
  wait_for_status (f, TD_SYNC_STATUS_SYNCED);

  test_monitor_set (f->monitor, FALSE);
  add_customer (f->db, "王芳");
  add_customer (f->db, "刘洋");
  wait_for_pending (f, 2);
  td_sync_controller_sync_now (f->controller);
  g_assert_cmpint (td_sync_controller_get_status (f->controller), ==, TD_SYNC_STATUS_OFFLINE);
  g_assert_false (td_sync_controller_get_syncing (f->controller));
  text = status_text (f);
  g_assert_cmpstr (text, ==, "Offline — 2 changes waiting");

  test_monitor_set (f->monitor, TRUE);
  g_assert_cmpuint (td_sync_controller_get_next_delay (f->controller), <=, 3);
  g_assert_cmpuint (td_sync_controller_get_next_delay (f->controller), >=, 1);
  wait_for_status (f, TD_SYNC_STATUS_SYNCED);
  wait_for_pending (f, 0);

  /* the platform down (connection refused) is offline too, with backoff */
  td_cloud_thread_stop (&f->platform.server);
  add_customer (f->db, "赵敏");
  td_sync_controller_sync_now (f->controller);
  wait_for_status (f, TD_SYNC_STATUS_OFFLINE);
  g_assert_cmpuint (td_sync_controller_get_next_delay (f->controller), >=, 23);
  td_cloud_thread_start (&f->platform.server, "controller-offline-again.cloud", replace_answer, &f->platform);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync-controller/not-set-up", test_not_set_up);
  ADD ("/sync-controller/sign-in-and-sync", test_sign_in_and_sync);
  ADD ("/sync-controller/retry-after", test_retry_after);
  ADD ("/sync-controller/unauthorized-mid-run", test_unauthorized_mid_run);
  ADD ("/sync-controller/stopped", test_stopped);
  ADD ("/sync-controller/offline", test_offline);
#undef ADD
  return g_test_run ();
}
