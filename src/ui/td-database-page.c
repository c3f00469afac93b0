/* td-database-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "td-database-page.h"

typedef struct
{
  TdDatabase   *database;
  GCancellable *cancellable;   /* of all the work on database */
  guint         n_running;
} TdDatabasePagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TdDatabasePage, td_database_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_DATABASE,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

TdDatabase *
td_database_page_get_database (TdDatabasePage *self)
{
  TdDatabasePagePrivate *priv = td_database_page_get_instance_private (self);

  g_return_val_if_fail (TD_IS_DATABASE_PAGE (self), NULL);

  return priv->database;
}

void
td_database_page_set_database (TdDatabasePage *self,
                               TdDatabase     *database)
{
  TdDatabasePagePrivate *priv = td_database_page_get_instance_private (self);
  gboolean changed;

  g_return_if_fail (TD_IS_DATABASE_PAGE (self));
  g_return_if_fail (!database || TD_IS_DATABASE (database));

  /* Drop whatever was under way for the previous workspace. */
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->cancellable = g_cancellable_new ();
  if (priv->n_running > 0)
    {
      priv->n_running = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }

  changed = g_set_object (&priv->database, database);

  TD_DATABASE_PAGE_GET_CLASS (self)->database_changed (self, database);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

gboolean
td_database_page_get_busy (TdDatabasePage *self)
{
  TdDatabasePagePrivate *priv = td_database_page_get_instance_private (self);

  g_return_val_if_fail (TD_IS_DATABASE_PAGE (self), FALSE);

  return priv->n_running > 0;
}

void
td_database_page_toast (TdDatabasePage *self,
                        const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast;

  g_return_if_fail (TD_IS_DATABASE_PAGE (self));
  g_return_if_fail (ADW_IS_PREFERENCES_WINDOW (root));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
}

void
td_database_page_emit_saved (TdDatabasePage *self)
{
  g_return_if_fail (TD_IS_DATABASE_PAGE (self));

  g_signal_emit (self, signals[SAVED], 0);
}

/* Background work */

TdPageWork *
td_database_page_begin_work (TdDatabasePage *self)
{
  TdDatabasePagePrivate *priv = td_database_page_get_instance_private (self);
  TdPageWork *work;

  g_return_val_if_fail (TD_IS_DATABASE_PAGE (self), NULL);

  work = g_new0 (TdPageWork, 1);
  work->page = g_object_ref (self);
  work->cancellable = g_object_ref (priv->cancellable);

  if (priv->n_running++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  return work;
}

gboolean
td_page_work_end (TdPageWork *work)
{
  TdDatabasePagePrivate *priv = td_database_page_get_instance_private (work->page);

  if (work->cancellable != priv->cancellable)
    return FALSE;

  g_assert (priv->n_running > 0);
  if (--priv->n_running == 0)
    g_object_notify_by_pspec (G_OBJECT (work->page), properties[PROP_BUSY]);

  /* Cancelled, but not replaced: the page is going away. */
  return !g_cancellable_is_cancelled (work->cancellable);
}

void
td_page_work_free (TdPageWork *work)
{
  g_clear_object (&work->page);
  g_clear_object (&work->cancellable);
  g_free (work);
}

/* GObject */

static void
td_database_page_real_database_changed (TdDatabasePage *self,
                                        TdDatabase     *database)
{
}

static void
td_database_page_dispose (GObject *object)
{
  TdDatabasePage *self = TD_DATABASE_PAGE (object);
  TdDatabasePagePrivate *priv = td_database_page_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);

  G_OBJECT_CLASS (td_database_page_parent_class)->dispose (object);
}

static void
td_database_page_finalize (GObject *object)
{
  TdDatabasePage *self = TD_DATABASE_PAGE (object);
  TdDatabasePagePrivate *priv = td_database_page_get_instance_private (self);

  g_clear_object (&priv->cancellable);
  g_clear_object (&priv->database);

  G_OBJECT_CLASS (td_database_page_parent_class)->finalize (object);
}

static void
td_database_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TdDatabasePage *self = TD_DATABASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, td_database_page_get_busy (self));
      break;

    case PROP_DATABASE:
      g_value_set_object (value, td_database_page_get_database (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_database_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TdDatabasePage *self = TD_DATABASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      td_database_page_set_database (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_database_page_class_init (TdDatabasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_database_page_dispose;
  object_class->finalize = td_database_page_finalize;
  object_class->get_property = td_database_page_get_property;
  object_class->set_property = td_database_page_set_property;

  klass->database_changed = td_database_page_real_database_changed;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         TD_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
td_database_page_init (TdDatabasePage *self)
{
  TdDatabasePagePrivate *priv = td_database_page_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}
