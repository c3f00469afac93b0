/* td-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "td-utils.h"

char *
td_check_business_name (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (stripped[0] == '\0')
    return g_strdup (_("Enter the name of your hotel or agency"));

  if (g_utf8_strlen (stripped, -1) > 200)
    return g_strdup (_("The name is too long"));

  return NULL;
}

/* Unified social credit code (GB 32100-2015): 18 characters from this
 * alphabet, the last one a check character over the first 17. */
#define USCC_ALPHABET "0123456789ABCDEFGHJKLMNPQRTUWXY"

char *
td_check_tax_id (const char *text)
{
  static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
  g_autofree char *code = g_strstrip (g_ascii_strup (text ? text : "", -1));
  gsize len;
  int sum = 0;
  int check;

  if (code[0] == '\0')
    return NULL;

  len = strlen (code);
  if (g_utf8_strlen (code, -1) != 18)
    return g_strdup_printf (_("A unified social credit code has 18 characters, not %u"),
                            (guint) g_utf8_strlen (code, -1));

  for (gsize i = 0; i < len; i++)
    {
      if (strchr (USCC_ALPHABET, code[i]) == NULL)
        return g_strdup (_("Only digits and capital letters are allowed, except I, O, S, V and Z"));
    }

  for (guint i = 0; i < 17; i++)
    sum += (int) (strchr (USCC_ALPHABET, code[i]) - USCC_ALPHABET) * weights[i];

  check = (31 - sum % 31) % 31;
  if (code[17] != USCC_ALPHABET[check])
    return g_strdup (_("The last character does not match: check for a typing mistake"));

  return NULL;
}

char *
td_check_phone (const char *text)
{
  guint digits = 0;

  if (text == NULL || text[0] == '\0')
    return NULL;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" +-()", *p) == NULL)
        return g_strdup (_("Use digits, spaces and + - ( ) only"));
    }

  if (digits < 5 || digits > 20)
    return g_strdup (_("A phone number has 5 to 20 digits"));

  return NULL;
}

char *
td_check_email (const char *text)
{
  const char *at;
  const char *dot;

  if (text == NULL || text[0] == '\0')
    return NULL;

  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL ||
      strpbrk (text, " \t<>,;\"") != NULL)
    return g_strdup (_("Enter an address like name@example.cn"));

  dot = strrchr (at + 1, '.');
  if (dot == NULL || dot == at + 1 || dot[1] == '\0')
    return g_strdup (_("Enter an address like name@example.cn"));

  return NULL;
}

char *
td_check_platform_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (text == NULL || text[0] == '\0')
    return NULL;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return g_strdup (_("Enter a full address like https://platform.example.gov.cn/"));

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return g_strdup (_("The address must start with https:// or http://"));

  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    return g_strdup (_("The address has no server name"));

  return NULL;
}

char *
td_check_time_zone (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return g_strdup (_("Enter a time zone like Asia/Shanghai"));

  if (!td_time_zone_is_valid (text))
    return g_strdup (_("Unknown time zone: use a name like Asia/Shanghai"));

  return NULL;
}

void
td_problem_set_text (GtkWidget  *message,
                     const char *problem)
{
  g_return_if_fail (GTK_IS_LABEL (message) || ADW_IS_PREFERENCES_ROW (message));

  if (GTK_IS_LABEL (message))
    gtk_label_set_text (GTK_LABEL (message), problem ? problem : "");
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (message), problem ? problem : "");

  gtk_widget_set_visible (message, problem != NULL);
}

void
td_entry_row_set_problem (AdwEntryRow *row,
                          GtkWidget   *message,
                          const char  *problem)
{
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));
  g_return_if_fail (GTK_IS_WIDGET (message));

  td_problem_set_text (message, problem);

  if (problem != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

#define PROBLEM_MESSAGE_KEY "td-problem-message"

static void
problem_row_changed_cb (AdwEntryRow *row,
                        gpointer     user_data)
{
  /* Editing a refused value: the problem is being fixed, stop shouting. */
  if (gtk_widget_has_css_class (GTK_WIDGET (row), "error"))
    td_entry_row_show_problem (row, NULL);
}

void
td_entry_row_attach_problem (AdwEntryRow *row,
                             GtkWidget   *message)
{
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));
  g_return_if_fail (GTK_IS_WIDGET (message));
  g_return_if_fail (g_object_get_data (G_OBJECT (row), PROBLEM_MESSAGE_KEY) == NULL);

  g_object_set_data_full (G_OBJECT (row), PROBLEM_MESSAGE_KEY,
                          g_object_ref (message), g_object_unref);
  g_signal_connect (row, "changed", G_CALLBACK (problem_row_changed_cb), NULL);
}

void
td_entry_row_show_problem (AdwEntryRow *row,
                           const char  *problem)
{
  GtkWidget *message;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  message = g_object_get_data (G_OBJECT (row), PROBLEM_MESSAGE_KEY);
  g_return_if_fail (message != NULL);

  td_entry_row_set_problem (row, message, problem);
}

void
td_entry_row_set_text (AdwEntryRow *row,
                       const char  *text)
{
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");

  /* Hides the apply button that a change while focused would show. */
  adw_entry_row_set_show_apply_button (row, FALSE);
  adw_entry_row_set_show_apply_button (row, TRUE);
}

char *
td_entry_row_accept_text (AdwEntryRow *row,
                          char      *(*check) (const char *text),
                          gboolean     upper_case)
{
  g_autofree char *text = NULL;
  g_autofree char *problem = NULL;

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  if (upper_case)
    {
      char *upper = g_utf8_strup (text, -1);

      g_free (text);
      text = upper;
    }

  if (check != NULL)
    problem = check (text);

  td_entry_row_show_problem (row, problem);
  if (problem != NULL)
    return NULL;

  td_entry_row_set_text (row, text);
  return g_steal_pointer (&text);
}

char *
td_format_count (gint64 count)
{
  /* %' groups digits the way the locale does (LC_NUMERIC). */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

/* File choosers */

GtkFileChooserNative *
td_file_chooser_new (GtkWidget            *owner,
                     const char           *title,
                     GtkFileChooserAction  action,
                     const char           *accept_label)
{
  GtkFileChooserNative *chooser;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);

  chooser = gtk_file_chooser_native_new (title,
                                         GTK_WINDOW (gtk_widget_get_root (owner)),
                                         action,
                                         accept_label,
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  return chooser;
}

void
td_file_chooser_add_filter (GtkFileChooserNative *chooser,
                            const char           *name,
                            const char           *first_pattern,
                            ...)
{
  GtkFileFilter *filter;
  va_list args;

  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, name);

  va_start (args, first_pattern);
  for (const char *pattern = first_pattern; pattern != NULL; pattern = va_arg (args, const char *))
    {
      if (strchr (pattern, '/') != NULL)
        gtk_file_filter_add_mime_type (filter, pattern);
      else
        gtk_file_filter_add_pattern (filter, pattern);
    }
  va_end (args);

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
}

typedef struct
{
  GWeakRef           owner;
  GtkNativeDialog  **slot;
  TdFileChosenFunc   chosen;
} FileChooserRun;

static void
file_chooser_run_free (gpointer  data,
                       GClosure *closure)
{
  FileChooserRun *run = data;

  g_weak_ref_clear (&run->owner);
  g_free (run);
}

static void
file_chooser_response_cb (GtkNativeDialog *dialog,
                          int              response,
                          FileChooserRun  *run)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&run->owner);
  GtkNativeDialog **slot = run->slot;

  if (owner != NULL && response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        run->chosen (owner, file);
    }

  gtk_native_dialog_destroy (dialog);

  /* Without its owner, the slot is gone too. */
  if (owner != NULL && *slot == dialog)
    g_clear_object (slot);
}

void
td_file_chooser_run (GtkFileChooserNative  *chooser,
                     GtkNativeDialog      **slot,
                     gpointer               owner,
                     TdFileChosenFunc       chosen)
{
  FileChooserRun *run;

  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));
  g_return_if_fail (slot != NULL && *slot == NULL);
  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (chosen != NULL);

  run = g_new0 (FileChooserRun, 1);
  g_weak_ref_init (&run->owner, owner);
  run->slot = slot;
  run->chosen = chosen;

  g_signal_connect_data (chooser, "response",
                         G_CALLBACK (file_chooser_response_cb),
                         run, file_chooser_run_free, 0);

  *slot = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (*slot);
}

void
td_file_chooser_clear (GtkNativeDialog **slot)
{
  g_return_if_fail (slot != NULL);

  if (*slot != NULL)
    gtk_native_dialog_destroy (*slot);
  g_clear_object (slot);
}

GtkFileChooserNative *
td_workspace_chooser_new (GtkWidget  *owner,
                          TdDatabase *current)
{
  GtkFileChooserNative *chooser;

  g_return_val_if_fail (!current || TD_IS_DATABASE (current), NULL);

  chooser = td_file_chooser_new (owner, _("Open Workspace"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  td_file_chooser_add_filter (chooser, _("Tourdesk Workspaces"), "*.tourdesk", NULL);
  td_file_chooser_add_filter (chooser, _("All Files"), "*", NULL);

  if (current != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (td_database_get_path (current));
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  return chooser;
}

/* Threads */

void
td_run_in_thread (gpointer             source_object,
                  GCancellable        *cancellable,
                  gpointer             source_tag,
                  gpointer             task_data,
                  GDestroyNotify       task_data_destroy,
                  GTaskThreadFunc      thread_func,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, task_data, task_data_destroy);
  g_task_run_in_thread (task, thread_func);
}

/* Weak references for callbacks */

gpointer
td_weak_ref_new (gpointer object)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_return_val_if_fail (G_IS_OBJECT (object), NULL);

  g_weak_ref_init (weak, object);
  return weak;
}

gpointer
td_weak_ref_get (gpointer weak)
{
  g_return_val_if_fail (weak != NULL, NULL);

  return g_weak_ref_get (weak);
}

void
td_weak_ref_free (gpointer weak)
{
  if (weak == NULL)
    return;
  g_weak_ref_clear (weak);
  g_free (weak);
}

gpointer
td_weak_ref_steal (gpointer weak)
{
  gpointer object = td_weak_ref_get (weak);

  td_weak_ref_free (weak);
  return object;
}

void
td_weekday_toggles_add (GtkBox          *box,
                        const char      *prefix,
                        GtkToggleButton *days[7])
{
  /* Translators: the days of the week on toggle buttons, Monday first */
  static const char *const shown[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };
  static const char *const names[] = { N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
                                       N_("Saturday"), N_("Sunday") };

  for (guint d = 0; d < 7; d++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(shown[d]));
      g_autofree char *name = g_strdup_printf ("%s-%u", prefix, d + 1);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      gtk_widget_set_name (button, name);
      gtk_widget_set_tooltip_text (button, _(names[d]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _(names[d]), -1);
      gtk_box_append (box, button);
      days[d] = GTK_TOGGLE_BUTTON (button);
    }
}

guint
td_weekday_toggles_get (GtkToggleButton *days[7])
{
  guint bits = 0;

  for (guint d = 0; d < 7; d++)
    if (gtk_toggle_button_get_active (days[d]))
      bits |= 1u << d;
  return bits;
}
