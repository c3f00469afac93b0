/* td-customer-columns.c: the columns of customer spreadsheets, and values
 * as people write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "td-csv.h"
#include "td-customer-columns.h"
#include "td-customer-profile.h"

static const struct {
  const char *name;    /* for JSON and the command line */
  const char *field;   /* the customer field, when the column is one */
  const char *title;   /* translatable; NULL: the field's (td-customer-profile.h) */
  const char *header;  /* what exports write */
} columns[TD_CUSTOMER_N_COLUMNS] = {
  [TD_CUSTOMER_COLUMN_IGNORE] = { "ignore", NULL, N_("Do not import"), "" },
  [TD_CUSTOMER_COLUMN_NAME] = { "name", "name", NULL, "Name" },
  [TD_CUSTOMER_COLUMN_FAMILY_NAME] = { "family_name", "family_name", NULL, "Family Name" },
  [TD_CUSTOMER_COLUMN_GIVEN_NAME] = { "given_name", "given_name", NULL, "Given Name" },
  [TD_CUSTOMER_COLUMN_PARTY] = { "party", "party", NULL, "Party" },
  [TD_CUSTOMER_COLUMN_GENDER] = { "gender", "gender", NULL, "Gender" },
  [TD_CUSTOMER_COLUMN_BIRTH_DATE] = { "birth_date", "birth_date", NULL, "Birth Date" },
  [TD_CUSTOMER_COLUMN_PHONE] = { "phone", "phone", NULL, "Phone" },
  [TD_CUSTOMER_COLUMN_OTHER_PHONES] = { "other_phones", "other_phones", NULL, "Other Phones" },
  [TD_CUSTOMER_COLUMN_EMAIL] = { "email", "email", NULL, "Email" },
  [TD_CUSTOMER_COLUMN_OTHER_EMAILS] = { "other_emails", "other_emails", NULL, "Other Emails" },
  [TD_CUSTOMER_COLUMN_ID_TYPE] = { "id_type", "id_type", NULL, "ID Type" },
  [TD_CUSTOMER_COLUMN_ID_NUMBER] = { "id_number", "id_number", NULL, "ID Number" },
  [TD_CUSTOMER_COLUMN_PASSPORT_NUMBER] = { "passport_number", NULL, N_("Passport number"), "Passport Number" },
  [TD_CUSTOMER_COLUMN_ID_COUNTRY] = { "id_country", "id_country", NULL, "ID Country" },
  [TD_CUSTOMER_COLUMN_ID_EXPIRY] = { "id_expiry", "id_expiry", NULL, "ID Expiry" },
  [TD_CUSTOMER_COLUMN_NATIONALITY] = { "nationality", "nationality", NULL, "Nationality" },
  [TD_CUSTOMER_COLUMN_PROVINCE] = { "province", "province", NULL, "Province" },
  [TD_CUSTOMER_COLUMN_CITY] = { "city", "city", NULL, "City" },
  [TD_CUSTOMER_COLUMN_DISTRICT] = { "district", "district", NULL, "District" },
  [TD_CUSTOMER_COLUMN_ADDRESS] = { "address", NULL, N_("Address (kept as a note)"), "Address" },
  [TD_CUSTOMER_COLUMN_LANGUAGE] = { "language", "language", NULL, "Language" },
  [TD_CUSTOMER_COLUMN_SOURCE] = { "source", "source", NULL, "Source" },
  [TD_CUSTOMER_COLUMN_TAGS] = { "tags", "tags", NULL, "Tags" },
  [TD_CUSTOMER_COLUMN_LOYALTY_POINTS] = { "loyalty_points", "loyalty_points", NULL, "Loyalty Points" },
  [TD_CUSTOMER_COLUMN_NOTES] = { "notes", "notes", NULL, "Notes" },
  [TD_CUSTOMER_COLUMN_CONSENT_EMAIL] = { "consent_email", "consent_email", NULL, "Email Consent" },
  [TD_CUSTOMER_COLUMN_CONSENT_EMAIL_AT] = { "consent_email_at", "consent_email_at", NULL, "Email Consent At" },
  [TD_CUSTOMER_COLUMN_CONSENT_EMAIL_HOW] = { "consent_email_how", "consent_email_how", NULL, "Email Consent How" },
  [TD_CUSTOMER_COLUMN_CONSENT_SMS] = { "consent_sms", "consent_sms", NULL, "SMS Consent" },
  [TD_CUSTOMER_COLUMN_CONSENT_SMS_AT] = { "consent_sms_at", "consent_sms_at", NULL, "SMS Consent At" },
  [TD_CUSTOMER_COLUMN_CONSENT_SMS_HOW] = { "consent_sms_how", "consent_sms_how", NULL, "SMS Consent How" },
  [TD_CUSTOMER_COLUMN_CONSENT_PHONE] = { "consent_phone", "consent_phone", NULL, "Phone Consent" },
  [TD_CUSTOMER_COLUMN_CONSENT_PHONE_AT] = { "consent_phone_at", "consent_phone_at", NULL, "Phone Consent At" },
  [TD_CUSTOMER_COLUMN_CONSENT_PHONE_HOW] = { "consent_phone_how", "consent_phone_how", NULL, "Phone Consent How" },
  [TD_CUSTOMER_COLUMN_RECORD_ID] = { "record_id", NULL, N_("Tourdesk record id"), "Tourdesk ID" },
};

const char *
td_customer_column_to_string (TdCustomerColumn column)
{
  g_return_val_if_fail (column < TD_CUSTOMER_N_COLUMNS, NULL);
  return columns[column].name;
}

gboolean
td_customer_column_from_string (const char       *name,
                                TdCustomerColumn *column)
{
  for (guint i = 0; name && i < TD_CUSTOMER_N_COLUMNS; i++)
    if (g_str_equal (name, columns[i].name))
      {
        *column = i;
        return TRUE;
      }
  return FALSE;
}

const char *
td_customer_column_get_title (TdCustomerColumn column)
{
  g_return_val_if_fail (column < TD_CUSTOMER_N_COLUMNS, NULL);
  if (columns[column].title == NULL)
    return td_customer_field_title (columns[column].field);
  return _(columns[column].title);
}

const char *
td_customer_column_get_header (TdCustomerColumn column)
{
  g_return_val_if_fail (column < TD_CUSTOMER_N_COLUMNS, NULL);
  return columns[column].header;
}

const char *
td_customer_column_get_field (TdCustomerColumn column)
{
  g_return_val_if_fail (column < TD_CUSTOMER_N_COLUMNS, NULL);
  return columns[column].field;
}

gboolean
td_customer_column_adds_up (TdCustomerColumn column)
{
  return column == TD_CUSTOMER_COLUMN_IGNORE
         || column == TD_CUSTOMER_COLUMN_PHONE || column == TD_CUSTOMER_COLUMN_OTHER_PHONES
         || column == TD_CUSTOMER_COLUMN_EMAIL || column == TD_CUSTOMER_COLUMN_OTHER_EMAILS
         || column == TD_CUSTOMER_COLUMN_TAGS || column == TD_CUSTOMER_COLUMN_NOTES
         || column == TD_CUSTOMER_COLUMN_ADDRESS || column == TD_CUSTOMER_COLUMN_PASSPORT_NUMBER;
}

/* ------------------------------------------------------------------ */
/* guessing from the header                                           */

/* Headers as real files have them, normalised by clean_header(). */
static const struct {
  const char       *header;
  TdCustomerColumn  column;
} synonyms[] = {
  { "姓名", TD_CUSTOMER_COLUMN_NAME }, { "客户姓名", TD_CUSTOMER_COLUMN_NAME },
  { "客户名称", TD_CUSTOMER_COLUMN_NAME }, { "客户名", TD_CUSTOMER_COLUMN_NAME },
  { "名字", TD_CUSTOMER_COLUMN_NAME }, { "全名", TD_CUSTOMER_COLUMN_NAME },
  { "联系人", TD_CUSTOMER_COLUMN_NAME }, { "联系人姓名", TD_CUSTOMER_COLUMN_NAME },
  { "旅客姓名", TD_CUSTOMER_COLUMN_NAME }, { "游客姓名", TD_CUSTOMER_COLUMN_NAME },
  { "住客姓名", TD_CUSTOMER_COLUMN_NAME }, { "宾客姓名", TD_CUSTOMER_COLUMN_NAME },
  { "会员姓名", TD_CUSTOMER_COLUMN_NAME }, { "中文名", TD_CUSTOMER_COLUMN_NAME },
  { "中文姓名", TD_CUSTOMER_COLUMN_NAME }, { "name", TD_CUSTOMER_COLUMN_NAME },
  { "fullname", TD_CUSTOMER_COLUMN_NAME }, { "displayname", TD_CUSTOMER_COLUMN_NAME },
  { "customername", TD_CUSTOMER_COLUMN_NAME }, { "contactname", TD_CUSTOMER_COLUMN_NAME },
  { "姓", TD_CUSTOMER_COLUMN_FAMILY_NAME }, { "姓氏", TD_CUSTOMER_COLUMN_FAMILY_NAME },
  { "familyname", TD_CUSTOMER_COLUMN_FAMILY_NAME }, { "lastname", TD_CUSTOMER_COLUMN_FAMILY_NAME },
  { "surname", TD_CUSTOMER_COLUMN_FAMILY_NAME },
  { "名", TD_CUSTOMER_COLUMN_GIVEN_NAME }, { "givenname", TD_CUSTOMER_COLUMN_GIVEN_NAME },
  { "firstname", TD_CUSTOMER_COLUMN_GIVEN_NAME },
  { "客户类型", TD_CUSTOMER_COLUMN_PARTY }, { "party", TD_CUSTOMER_COLUMN_PARTY },
  { "customertype", TD_CUSTOMER_COLUMN_PARTY },
  { "性别", TD_CUSTOMER_COLUMN_GENDER }, { "gender", TD_CUSTOMER_COLUMN_GENDER },
  { "sex", TD_CUSTOMER_COLUMN_GENDER },
  { "出生日期", TD_CUSTOMER_COLUMN_BIRTH_DATE }, { "生日", TD_CUSTOMER_COLUMN_BIRTH_DATE },
  { "出生年月日", TD_CUSTOMER_COLUMN_BIRTH_DATE }, { "出生年月", TD_CUSTOMER_COLUMN_BIRTH_DATE },
  { "出生", TD_CUSTOMER_COLUMN_BIRTH_DATE }, { "birthday", TD_CUSTOMER_COLUMN_BIRTH_DATE },
  { "birthdate", TD_CUSTOMER_COLUMN_BIRTH_DATE }, { "dateofbirth", TD_CUSTOMER_COLUMN_BIRTH_DATE },
  { "dob", TD_CUSTOMER_COLUMN_BIRTH_DATE },
  { "手机", TD_CUSTOMER_COLUMN_PHONE }, { "手机号", TD_CUSTOMER_COLUMN_PHONE },
  { "手机号码", TD_CUSTOMER_COLUMN_PHONE }, { "电话", TD_CUSTOMER_COLUMN_PHONE },
  { "电话号码", TD_CUSTOMER_COLUMN_PHONE }, { "联系电话", TD_CUSTOMER_COLUMN_PHONE },
  { "联系方式", TD_CUSTOMER_COLUMN_PHONE }, { "移动电话", TD_CUSTOMER_COLUMN_PHONE },
  { "座机", TD_CUSTOMER_COLUMN_PHONE }, { "固定电话", TD_CUSTOMER_COLUMN_PHONE },
  { "固话", TD_CUSTOMER_COLUMN_PHONE }, { "家庭电话", TD_CUSTOMER_COLUMN_PHONE },
  { "办公电话", TD_CUSTOMER_COLUMN_PHONE }, { "mobile", TD_CUSTOMER_COLUMN_PHONE },
  { "phone", TD_CUSTOMER_COLUMN_PHONE }, { "phonenumber", TD_CUSTOMER_COLUMN_PHONE },
  { "tel", TD_CUSTOMER_COLUMN_PHONE }, { "telephone", TD_CUSTOMER_COLUMN_PHONE },
  { "cell", TD_CUSTOMER_COLUMN_PHONE }, { "cellphone", TD_CUSTOMER_COLUMN_PHONE },
  { "mobileno", TD_CUSTOMER_COLUMN_PHONE },
  { "其他电话", TD_CUSTOMER_COLUMN_OTHER_PHONES }, { "其它电话", TD_CUSTOMER_COLUMN_OTHER_PHONES },
  { "备用电话", TD_CUSTOMER_COLUMN_OTHER_PHONES }, { "备用手机", TD_CUSTOMER_COLUMN_OTHER_PHONES },
  { "otherphones", TD_CUSTOMER_COLUMN_OTHER_PHONES }, { "otherphone", TD_CUSTOMER_COLUMN_OTHER_PHONES },
  { "邮箱", TD_CUSTOMER_COLUMN_EMAIL }, { "电子邮件", TD_CUSTOMER_COLUMN_EMAIL },
  { "电子邮箱", TD_CUSTOMER_COLUMN_EMAIL }, { "邮件", TD_CUSTOMER_COLUMN_EMAIL },
  { "邮箱地址", TD_CUSTOMER_COLUMN_EMAIL }, { "email", TD_CUSTOMER_COLUMN_EMAIL },
  { "emailaddress", TD_CUSTOMER_COLUMN_EMAIL }, { "mail", TD_CUSTOMER_COLUMN_EMAIL },
  { "其他邮箱", TD_CUSTOMER_COLUMN_OTHER_EMAILS }, { "其它邮箱", TD_CUSTOMER_COLUMN_OTHER_EMAILS },
  { "otheremails", TD_CUSTOMER_COLUMN_OTHER_EMAILS },
  { "证件类型", TD_CUSTOMER_COLUMN_ID_TYPE }, { "证件种类", TD_CUSTOMER_COLUMN_ID_TYPE },
  { "idtype", TD_CUSTOMER_COLUMN_ID_TYPE }, { "documenttype", TD_CUSTOMER_COLUMN_ID_TYPE },
  { "身份证", TD_CUSTOMER_COLUMN_ID_NUMBER }, { "身份证号", TD_CUSTOMER_COLUMN_ID_NUMBER },
  { "身份证号码", TD_CUSTOMER_COLUMN_ID_NUMBER }, { "身份证件号码", TD_CUSTOMER_COLUMN_ID_NUMBER },
  { "证件号", TD_CUSTOMER_COLUMN_ID_NUMBER }, { "证件号码", TD_CUSTOMER_COLUMN_ID_NUMBER },
  { "证件编号", TD_CUSTOMER_COLUMN_ID_NUMBER }, { "idnumber", TD_CUSTOMER_COLUMN_ID_NUMBER },
  { "idno", TD_CUSTOMER_COLUMN_ID_NUMBER }, { "idcard", TD_CUSTOMER_COLUMN_ID_NUMBER },
  { "idcardnumber", TD_CUSTOMER_COLUMN_ID_NUMBER }, { "documentnumber", TD_CUSTOMER_COLUMN_ID_NUMBER },
  { "护照", TD_CUSTOMER_COLUMN_PASSPORT_NUMBER }, { "护照号", TD_CUSTOMER_COLUMN_PASSPORT_NUMBER },
  { "护照号码", TD_CUSTOMER_COLUMN_PASSPORT_NUMBER }, { "passport", TD_CUSTOMER_COLUMN_PASSPORT_NUMBER },
  { "passportnumber", TD_CUSTOMER_COLUMN_PASSPORT_NUMBER }, { "passportno", TD_CUSTOMER_COLUMN_PASSPORT_NUMBER },
  { "签发国", TD_CUSTOMER_COLUMN_ID_COUNTRY }, { "签发国家", TD_CUSTOMER_COLUMN_ID_COUNTRY },
  { "证件签发国", TD_CUSTOMER_COLUMN_ID_COUNTRY }, { "idcountry", TD_CUSTOMER_COLUMN_ID_COUNTRY },
  { "issuingcountry", TD_CUSTOMER_COLUMN_ID_COUNTRY },
  { "证件有效期", TD_CUSTOMER_COLUMN_ID_EXPIRY }, { "有效期", TD_CUSTOMER_COLUMN_ID_EXPIRY },
  { "有效期至", TD_CUSTOMER_COLUMN_ID_EXPIRY }, { "证件到期日", TD_CUSTOMER_COLUMN_ID_EXPIRY },
  { "idexpiry", TD_CUSTOMER_COLUMN_ID_EXPIRY }, { "expirydate", TD_CUSTOMER_COLUMN_ID_EXPIRY },
  { "国籍", TD_CUSTOMER_COLUMN_NATIONALITY }, { "nationality", TD_CUSTOMER_COLUMN_NATIONALITY },
  { "citizenship", TD_CUSTOMER_COLUMN_NATIONALITY },
  { "省", TD_CUSTOMER_COLUMN_PROVINCE }, { "省份", TD_CUSTOMER_COLUMN_PROVINCE },
  { "所在省", TD_CUSTOMER_COLUMN_PROVINCE }, { "所在省份", TD_CUSTOMER_COLUMN_PROVINCE },
  { "省直辖市", TD_CUSTOMER_COLUMN_PROVINCE }, { "province", TD_CUSTOMER_COLUMN_PROVINCE },
  { "state", TD_CUSTOMER_COLUMN_PROVINCE }, { "region", TD_CUSTOMER_COLUMN_PROVINCE },
  { "市", TD_CUSTOMER_COLUMN_CITY }, { "城市", TD_CUSTOMER_COLUMN_CITY },
  { "所在城市", TD_CUSTOMER_COLUMN_CITY }, { "所在市", TD_CUSTOMER_COLUMN_CITY },
  { "city", TD_CUSTOMER_COLUMN_CITY },
  { "区", TD_CUSTOMER_COLUMN_DISTRICT }, { "县", TD_CUSTOMER_COLUMN_DISTRICT },
  { "区县", TD_CUSTOMER_COLUMN_DISTRICT }, { "所在区县", TD_CUSTOMER_COLUMN_DISTRICT },
  { "district", TD_CUSTOMER_COLUMN_DISTRICT }, { "county", TD_CUSTOMER_COLUMN_DISTRICT },
  { "地址", TD_CUSTOMER_COLUMN_ADDRESS }, { "详细地址", TD_CUSTOMER_COLUMN_ADDRESS },
  { "联系地址", TD_CUSTOMER_COLUMN_ADDRESS }, { "家庭地址", TD_CUSTOMER_COLUMN_ADDRESS },
  { "家庭住址", TD_CUSTOMER_COLUMN_ADDRESS }, { "住址", TD_CUSTOMER_COLUMN_ADDRESS },
  { "通讯地址", TD_CUSTOMER_COLUMN_ADDRESS }, { "address", TD_CUSTOMER_COLUMN_ADDRESS },
  { "homeaddress", TD_CUSTOMER_COLUMN_ADDRESS },
  { "语言", TD_CUSTOMER_COLUMN_LANGUAGE }, { "语种", TD_CUSTOMER_COLUMN_LANGUAGE },
  { "language", TD_CUSTOMER_COLUMN_LANGUAGE }, { "preferredlanguage", TD_CUSTOMER_COLUMN_LANGUAGE },
  { "来源", TD_CUSTOMER_COLUMN_SOURCE }, { "客户来源", TD_CUSTOMER_COLUMN_SOURCE },
  { "渠道", TD_CUSTOMER_COLUMN_SOURCE }, { "来源渠道", TD_CUSTOMER_COLUMN_SOURCE },
  { "获客渠道", TD_CUSTOMER_COLUMN_SOURCE }, { "source", TD_CUSTOMER_COLUMN_SOURCE },
  { "channel", TD_CUSTOMER_COLUMN_SOURCE },
  { "标签", TD_CUSTOMER_COLUMN_TAGS }, { "客户标签", TD_CUSTOMER_COLUMN_TAGS },
  { "分组", TD_CUSTOMER_COLUMN_TAGS }, { "客户分组", TD_CUSTOMER_COLUMN_TAGS },
  { "tags", TD_CUSTOMER_COLUMN_TAGS }, { "labels", TD_CUSTOMER_COLUMN_TAGS },
  { "groupmembership", TD_CUSTOMER_COLUMN_TAGS }, { "categories", TD_CUSTOMER_COLUMN_TAGS },
  { "group", TD_CUSTOMER_COLUMN_TAGS }, { "groups", TD_CUSTOMER_COLUMN_TAGS },
  { "积分", TD_CUSTOMER_COLUMN_LOYALTY_POINTS }, { "会员积分", TD_CUSTOMER_COLUMN_LOYALTY_POINTS },
  { "points", TD_CUSTOMER_COLUMN_LOYALTY_POINTS }, { "loyaltypoints", TD_CUSTOMER_COLUMN_LOYALTY_POINTS },
  { "备注", TD_CUSTOMER_COLUMN_NOTES }, { "备注信息", TD_CUSTOMER_COLUMN_NOTES },
  { "说明", TD_CUSTOMER_COLUMN_NOTES }, { "notes", TD_CUSTOMER_COLUMN_NOTES },
  { "note", TD_CUSTOMER_COLUMN_NOTES }, { "remarks", TD_CUSTOMER_COLUMN_NOTES },
  { "remark", TD_CUSTOMER_COLUMN_NOTES }, { "comment", TD_CUSTOMER_COLUMN_NOTES },
  { "comments", TD_CUSTOMER_COLUMN_NOTES }, { "memo", TD_CUSTOMER_COLUMN_NOTES },
  { "tourdeskid", TD_CUSTOMER_COLUMN_RECORD_ID },
};

/* NFKC (full-width letters), case folded, without spaces, punctuation
 * (“Phone 1 - Value” → “phone1value”, “区/县” → “区县”) and what brackets
 * or an asterisk add (“手机号码（必填）*” → “手机号码”). */
static char *
clean_header (const char *header)
{
  g_autofree char *nfkc = g_utf8_normalize (header, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = NULL;
  GString *out;
  int depth = 0;

  if (nfkc == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (nfkc, -1);
  out = g_string_new (NULL);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(' || c == '[' || c == 0x3010 /* 【 */)
        depth++;
      else if ((c == ')' || c == ']' || c == 0x3011) && depth > 0)
        depth--;
      else if (depth == 0 && (g_unichar_isalnum (c) || g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Google's and Outlook's numbered columns: “Phone 2 - Value”, “E-mail 1 -
 * Value”, “Address 1 - City”, “Mobile Phone”, “E-mail 2 Address”. */
static gboolean
guess_numbered (const char       *clean,
                TdCustomerColumn *column)
{
  static const struct {
    const char       *prefix;
    const char       *suffix;
    TdCustomerColumn  column;
  } patterns[] = {
    { "phone", "value", TD_CUSTOMER_COLUMN_PHONE },
    { "email", "value", TD_CUSTOMER_COLUMN_EMAIL },
    { "email", "address", TD_CUSTOMER_COLUMN_EMAIL },
    { "address", "formatted", TD_CUSTOMER_COLUMN_ADDRESS },
    { "address", "city", TD_CUSTOMER_COLUMN_CITY },
    { "address", "region", TD_CUSTOMER_COLUMN_PROVINCE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    if (g_str_has_prefix (clean, patterns[i].prefix) && g_str_has_suffix (clean, patterns[i].suffix))
      {
        const char *middle = clean + strlen (patterns[i].prefix);
        gsize digits = strlen (middle) - strlen (patterns[i].suffix);

        if (digits > 0 && digits < 3 && g_ascii_isdigit (middle[0]) && (digits == 1 || g_ascii_isdigit (middle[1])))
          {
            *column = patterns[i].column;
            return TRUE;
          }
      }
  /* mobilephone, homephone, businessphone, primaryphone, … */
  if (g_str_has_suffix (clean, "phone") && strlen (clean) <= 14 && !g_str_has_prefix (clean, "other"))
    {
      *column = TD_CUSTOMER_COLUMN_PHONE;
      return TRUE;
    }
  return FALSE;
}

TdCustomerColumn
td_customer_column_guess (const char *header)
{
  g_autofree char *clean = NULL;
  TdCustomerColumn column;

  if (header == NULL)
    return TD_CUSTOMER_COLUMN_IGNORE;
  clean = clean_header (header);
  if (*clean == '\0')
    return TD_CUSTOMER_COLUMN_IGNORE;
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (g_str_equal (clean, synonyms[i].header))
      return synonyms[i].column;
  /* the export headers: “Email Consent At” and the rest */
  for (guint i = 1; i < TD_CUSTOMER_N_COLUMNS; i++)
    {
      g_autofree char *export = clean_header (columns[i].header);

      if (g_str_equal (clean, export))
        return i;
    }
  if (guess_numbered (clean, &column))
    return column;
  return TD_CUSTOMER_COLUMN_IGNORE;
}

/* ------------------------------------------------------------------ */
/* a row from CSV fields                                              */

/* Splits a cell holding several phones or e-mails. */
static GStrv
split_multi (const char *text,
             gboolean    phones)
{
  g_autoptr(GString) unified = g_string_new (NULL);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_str_has_prefix (p, ":::"))
        {
          g_string_append_c (unified, '\n');
          p += 2;
        }
      else if (c == ',' || c == ';' || c == 0xFF0C || c == 0xFF1B || c == 0x3001 || (!phones && g_unichar_isspace (c)))
        g_string_append_c (unified, '\n');
      else
        g_string_append_unichar (unified, c);
    }
  parts = g_strsplit (unified->str, "\n", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      /* 13800138000/13900139000: two numbers, where one would not do */
      if (phones && strchr (parts[i], '/'))
        {
          g_autofree char *whole = td_phone_normalise (parts[i], NULL);

          if (whole == NULL)
            {
              g_auto(GStrv) halves = g_strsplit (parts[i], "/", -1);

              for (guint j = 0; halves[j]; j++)
                if (*g_strstrip (halves[j]) != '\0')
                  g_ptr_array_add (out, g_strdup (halves[j]));
              continue;
            }
        }
      g_ptr_array_add (out, g_strdup (parts[i]));
    }
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

static void
append_member (JsonObject *values,
               const char *field,
               const char *value,
               const char *separator)
{
  const char *old = json_object_get_string_member_with_default (values, field, NULL);

  if (old && *old)
    {
      g_autofree char *joined = g_strconcat (old, separator, value, NULL);

      json_object_set_string_member (values, field, joined);
    }
  else
    json_object_set_string_member (values, field, value);
}

/* The first into main, the rest into list. */
static void
add_contacts (JsonObject *values,
              const char *main,
              const char *list,
              const char *text,
              gboolean    to_list)
{
  g_auto(GStrv) parts = split_multi (text, g_str_equal (main, "phone"));

  for (guint i = 0; parts[i]; i++)
    {
      if (!to_list && !json_object_has_member (values, main))
        json_object_set_string_member (values, main, parts[i]);
      else
        append_member (values, list, parts[i], ",");
    }
}

/* Province, city and district from the start of a Chinese address:
 * “河南省郑州市金水区花园路38号” → 河南省, 郑州市, 金水区. Only what is
 * empty is filled. */
static void
fill_from_address (JsonObject *values,
                   const char *address)
{
  static const char * const municipalities[] = { "北京市", "上海市", "天津市", "重庆市", NULL };
  static const char * const province_ends[] = { "特别行政区", "自治区", "省", NULL };
  static const char * const city_ends[] = { "自治州", "地区", "市", "盟", NULL };
  static const char * const district_ends[] = { "区", "县", "市", "旗", NULL };
  const char * const *levels[] = { province_ends, city_ends, district_ends };
  const char *fields[] = { "province", "city", "district" };
  const char *p = address;

  for (guint i = 0; municipalities[i]; i++)
    if (g_str_has_prefix (p, municipalities[i]))
      {
        if (!json_object_has_member (values, "province"))
          json_object_set_string_member (values, "province", municipalities[i]);
        if (!json_object_has_member (values, "city"))
          json_object_set_string_member (values, "city", municipalities[i]);
        p += strlen (municipalities[i]);
        levels[0] = levels[1] = NULL;
        break;
      }

  for (guint level = 0; level < G_N_ELEMENTS (levels); level++)
    {
      const char *best = NULL;
      const char *end_of = NULL;

      if (levels[level] == NULL)
        continue;
      /* the nearest ending within a few characters (名称 are short) */
      for (guint i = 0; levels[level][i]; i++)
        {
          const char *q = p;

          for (guint chars = 0; *q && chars < 8; chars++, q = g_utf8_next_char (q))
            if (chars >= 1 && g_str_has_prefix (q, levels[level][i]))
              {
                if (best == NULL || q < best)
                  {
                    best = q;
                    end_of = q + strlen (levels[level][i]);
                  }
                break;
              }
        }
      if (best == NULL)
        {
          if (level == 0)
            continue;   /* an address that starts with the city */
          break;
        }
      /* only Chinese characters make a place name */
      for (const char *c = p; c < best; c = g_utf8_next_char (c))
        if (g_unichar_get_script (g_utf8_get_char (c)) != G_UNICODE_SCRIPT_HAN)
          return;
      if (!json_object_has_member (values, fields[level]))
        {
          g_autofree char *name = g_strndup (p, end_of - p);

          json_object_set_string_member (values, fields[level], name);
        }
      p = end_of;
    }
}

static gboolean
is_china (const char *nationality)
{
  return nationality == NULL || g_str_equal (nationality, "CN");
}

static char *normalise_nationality (const char *text);

TdCustomerRow *
td_customer_row_from_fields (const char * const     *fields,
                             guint                   n_fields,
                             const TdCustomerColumn *mapping,
                             guint                   n_mapping,
                             guint                   line)
{
  TdCustomerRow *row = td_customer_row_new (line);
  JsonObject *values = row->values;
  g_autoptr(GPtrArray) passports = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < MIN (n_fields, n_mapping); i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (td_csv_unguard (fields[i])));
      TdCustomerColumn column = mapping[i];
      const char *field = column < TD_CUSTOMER_N_COLUMNS ? columns[column].field : NULL;

      if (*value == '\0' || column >= TD_CUSTOMER_N_COLUMNS)
        continue;
      if (column == TD_CUSTOMER_COLUMN_PHONE || column == TD_CUSTOMER_COLUMN_OTHER_PHONES)
        add_contacts (values, "phone", "other_phones", value, column == TD_CUSTOMER_COLUMN_OTHER_PHONES);
      else if (column == TD_CUSTOMER_COLUMN_EMAIL || column == TD_CUSTOMER_COLUMN_OTHER_EMAILS)
        add_contacts (values, "email", "other_emails", value, column == TD_CUSTOMER_COLUMN_OTHER_EMAILS);
      else if (column == TD_CUSTOMER_COLUMN_TAGS)
        append_member (values, field, value, ",");
      else if (column == TD_CUSTOMER_COLUMN_NOTES)
        append_member (values, field, value, "\n");
      else if (column == TD_CUSTOMER_COLUMN_PASSPORT_NUMBER)
        g_ptr_array_add (passports, g_steal_pointer (&value));
      else if (column == TD_CUSTOMER_COLUMN_ADDRESS)
        g_ptr_array_add (addresses, g_steal_pointer (&value));
      else if (column == TD_CUSTOMER_COLUMN_RECORD_ID)
        {
          /* not a field: the importer takes it out to match on */
          if (!json_object_has_member (values, "id"))
            json_object_set_string_member (values, "id", value);
        }
      /* the first of two columns with the same meaning wins */
      else if (field && !json_object_has_member (values, field))
        json_object_set_string_member (values, field, value);
    }

  /* a passport: the identity document when there is none, else another */
  for (guint i = 0; i < passports->len; i++)
    {
      g_autofree char *nationality =
        normalise_nationality (json_object_get_string_member_with_default (values, "nationality", NULL));
      const char *type = is_china (nationality) ? "passport" : "foreign-passport";
      const char *number = g_ptr_array_index (passports, i);

      if (!json_object_has_member (values, "id_number"))
        {
          json_object_set_string_member (values, "id_number", number);
          if (!json_object_has_member (values, "id_type"))
            json_object_set_string_member (values, "id_type", type);
        }
      else
        {
          JsonObject *document = json_object_new ();

          json_object_set_string_member (document, "doc_type", type);
          json_object_set_string_member (document, "number", number);
          g_ptr_array_add (row->documents, document);
        }
    }

  for (guint i = 0; i < addresses->len; i++)
    {
      const char *address = g_ptr_array_index (addresses, i);

      fill_from_address (values, address);
      g_ptr_array_add (row->notes, g_strdup_printf (_("Address: %s"), address));
    }

  return row;
}

/* ------------------------------------------------------------------ */
/* values                                                             */

typedef struct {
  const char *text;   /* case folded */
  const char *value;
} Word;

static const char *
lookup_word (const Word *words,
             guint       n_words,
             const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = g_utf8_casefold (nfkc ? nfkc : text, -1);

  g_strstrip (folded);
  for (guint i = 0; i < n_words; i++)
    if (g_str_equal (folded, words[i].text))
      return words[i].value;
  return NULL;
}

#define LOOKUP(words, text) lookup_word (words, G_N_ELEMENTS (words), text)

/* an empty value: the field says nothing */
#define NONE ""

static const Word genders[] = {
  { "男", "male" }, { "男性", "male" }, { "先生", "male" }, { "m", "male" }, { "male", "male" },
  { "man", "male" }, { "1", "male" },
  { "女", "female" }, { "女性", "female" }, { "女士", "female" }, { "f", "female" },
  { "female", "female" }, { "woman", "female" }, { "2", "female" },
  { "其他", "other" }, { "其它", "other" }, { "other", "other" }, { "o", "other" }, { "x", "other" },
  { "未知", NONE }, { "保密", NONE }, { "不详", NONE }, { "unknown", NONE }, { "u", NONE },
  { "n", NONE }, { "0", NONE }, { "9", NONE },
};

static const Word id_types[] = {
  { "resident-id", "resident-id" }, { "身份证", "resident-id" }, { "居民身份证", "resident-id" },
  { "二代身份证", "resident-id" }, { "二代证", "resident-id" }, { "id card", "resident-id" },
  { "resident id", "resident-id" },
  { "passport", "passport" }, { "护照", "passport" }, { "中国护照", "passport" },
  { "因私护照", "passport" }, { "因公护照", "passport" },
  { "hk-macao-permit", "hk-macao-permit" }, { "回乡证", "hk-macao-permit" },
  { "港澳居民来往内地通行证", "hk-macao-permit" }, { "港澳回乡证", "hk-macao-permit" },
  { "taiwan-permit", "taiwan-permit" }, { "台胞证", "taiwan-permit" },
  { "台湾居民来往大陆通行证", "taiwan-permit" },
  { "foreign-passport", "foreign-passport" }, { "外国护照", "foreign-passport" },
  { "外籍护照", "foreign-passport" }, { "foreign passport", "foreign-passport" },
  /* for mainland residents going out: a document, but none of the above */
  { "other", "other" }, { "其他", "other" }, { "其它", "other" },
  { "往来港澳通行证", "other" }, { "港澳通行证", "other" }, { "大陆居民往来台湾通行证", "other" },
  { "军官证", "other" }, { "士兵证", "other" }, { "港澳台居民居住证", "other" },
  { "外国人永久居留身份证", "other" }, { "驾驶证", "other" },
};

static const Word sources[] = {
  { "walk-in", "walk-in" }, { "walk in", "walk-in" }, { "到店", "walk-in" }, { "门店", "walk-in" },
  { "上门", "walk-in" }, { "散客", "walk-in" }, { "前台", "walk-in" },
  { "phone", "phone" }, { "电话", "phone" }, { "来电", "phone" }, { "电话预订", "phone" },
  { "agency", "agency" }, { "旅行社", "agency" }, { "同业", "agency" }, { "代理", "agency" },
  { "地接社", "agency" }, { "组团社", "agency" },
  { "ota", "ota" }, { "携程", "ota" }, { "去哪儿", "ota" }, { "飞猪", "ota" }, { "美团", "ota" },
  { "同程", "ota" }, { "艺龙", "ota" }, { "途牛", "ota" }, { "马蜂窝", "ota" }, { "ctrip", "ota" },
  { "trip.com", "ota" }, { "qunar", "ota" }, { "fliggy", "ota" }, { "meituan", "ota" },
  { "booking", "ota" }, { "booking.com", "ota" }, { "expedia", "ota" }, { "agoda", "ota" },
  { "airbnb", "ota" },
  { "platform", "platform" }, { "平台", "platform" }, { "小程序", "platform" },
  { "微信小程序", "platform" }, { "公众号", "platform" }, { "官网", "platform" },
  { "抖音", "platform" }, { "线上", "platform" },
  { "import", "import" }, { "导入", "import" },
};

static const Word nationalities[] = {
  { "中国", "CN" }, { "中国籍", "CN" }, { "中华人民共和国", "CN" }, { "中国大陆", "CN" },
  { "china", "CN" }, { "prc", "CN" }, { "chn", "CN" },
  { "中国香港", "HK" }, { "香港", "HK" }, { "hkg", "HK" }, { "hong kong", "HK" },
  { "中国澳门", "MO" }, { "澳门", "MO" }, { "mac", "MO" }, { "macao", "MO" }, { "macau", "MO" },
  { "中国台湾", "TW" }, { "台湾", "TW" }, { "twn", "TW" }, { "taiwan", "TW" },
  { "美国", "US" }, { "usa", "US" }, { "united states", "US" },
  { "英国", "GB" }, { "gbr", "GB" }, { "united kingdom", "GB" }, { "uk", "GB" },
  { "德国", "DE" }, { "deu", "DE" }, { "germany", "DE" },
  { "法国", "FR" }, { "fra", "FR" }, { "france", "FR" },
  { "日本", "JP" }, { "jpn", "JP" }, { "japan", "JP" },
  { "韩国", "KR" }, { "kor", "KR" }, { "korea", "KR" }, { "south korea", "KR" },
  { "俄罗斯", "RU" }, { "rus", "RU" }, { "russia", "RU" },
  { "新加坡", "SG" }, { "sgp", "SG" }, { "singapore", "SG" },
  { "马来西亚", "MY" }, { "mys", "MY" }, { "malaysia", "MY" },
  { "泰国", "TH" }, { "tha", "TH" }, { "thailand", "TH" },
  { "澳大利亚", "AU" }, { "aus", "AU" }, { "australia", "AU" },
  { "加拿大", "CA" }, { "can", "CA" }, { "canada", "CA" },
};

static const Word languages[] = {
  { "中文", "zh-CN" }, { "汉语", "zh-CN" }, { "普通话", "zh-CN" }, { "国语", "zh-CN" },
  { "简体中文", "zh-CN" }, { "chinese", "zh-CN" }, { "mandarin", "zh-CN" }, { "zh", "zh-CN" },
  { "繁体中文", "zh-TW" }, { "粤语", "yue" }, { "广东话", "yue" }, { "cantonese", "yue" },
  { "英语", "en" }, { "英文", "en" }, { "english", "en" },
  { "日语", "ja" }, { "日文", "ja" }, { "japanese", "ja" },
  { "韩语", "ko" }, { "韩文", "ko" }, { "korean", "ko" },
  { "德语", "de" }, { "german", "de" }, { "法语", "fr" }, { "french", "fr" },
  { "俄语", "ru" }, { "russian", "ru" }, { "西班牙语", "es" }, { "spanish", "es" },
};

static const Word parties[] = {
  { "person", "person" }, { "个人", "person" }, { "individual", "person" }, { "散客", "person" },
  { "organisation", "organisation" }, { "organization", "organisation" }, { "企业", "organisation" },
  { "公司", "organisation" }, { "单位", "organisation" }, { "团体", "organisation" },
  { "机构", "organisation" }, { "company", "organisation" },
};

static const Word consents[] = {
  { "granted", "granted" }, { "同意", "granted" }, { "已同意", "granted" }, { "yes", "granted" },
  { "withdrawn", "withdrawn" }, { "撤回", "withdrawn" }, { "已撤回", "withdrawn" },
};

static char *
normalise_nationality (const char *text)
{
  const char *code;

  if (text == NULL || *text == '\0')
    return NULL;
  code = LOOKUP (nationalities, text);
  if (code)
    return g_strdup (code);
  if (strlen (text) == 2 && g_ascii_isalpha (text[0]) && g_ascii_isalpha (text[1]))
    return g_ascii_strup (text, -1);
  return g_strdup (text);
}

static void
add_problem (GPtrArray  *problems,
             const char *field,
             gboolean    warning,
             char       *message)
{
  TdFieldProblem *problem = g_new0 (TdFieldProblem, 1);

  problem->field = g_strdup (field);
  problem->message = message;
  problem->warning = warning;
  g_ptr_array_add (problems, problem);
}

/* julian day of an Excel serial number (1900 date system) */
static gboolean
excel_serial_date (const char *text,
                   GDate      *date)
{
  char *end = NULL;
  guint64 serial;

  if (strlen (text) < 5 || !g_ascii_isdigit (text[0]))
    return FALSE;
  serial = g_ascii_strtoull (text, &end, 10);
  /* 32939 or 32939.0 (a date cell with no time) */
  if (*end == '.')
    for (end++; *end == '0'; end++)
      ;
  if (*end != '\0' || serial < 10000 || serial > 99999)
    return FALSE;
  g_date_set_dmy (date, 30, G_DATE_DECEMBER, 1899);
  g_date_add_days (date, (guint) serial);
  return TRUE;
}

char *
td_customer_parse_date (const char *text)
{
  g_autofree char *nfkc = NULL;
  g_auto(GStrv) parts = NULL;
  GString *unified;
  GDate date;
  guint y = 0, m = 0, d = 0;
  char *cut;

  if (text == NULL)
    return NULL;
  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (nfkc == NULL)
    return NULL;
  g_strstrip (nfkc);
  g_date_clear (&date, 1);

  /* a time after the date: “1990-03-07 00:00:00”, “1990-03-07T00:00:00Z” */
  cut = strpbrk (nfkc, " T");
  if (cut && strchr (cut, ':'))
    *cut = '\0';

  if (excel_serial_date (nfkc, &date))
    goto done;

  if (strlen (nfkc) == 8 && strspn (nfkc, "0123456789") == 8)
    {
      for (guint i = 0; i < 4; i++)
        y = y * 10 + (guint) (nfkc[i] - '0');
      m = (guint) ((nfkc[4] - '0') * 10 + (nfkc[5] - '0'));
      d = (guint) ((nfkc[6] - '0') * 10 + (nfkc[7] - '0'));
    }
  else
    {
      unified = g_string_new (NULL);
      for (const char *p = nfkc; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c == 0x5E74 /* 年 */ || c == 0x6708 /* 月 */ || c == '/' || c == '.' || c == '-')
            g_string_append_c (unified, '-');
          else if (c != 0x65E5 /* 日 */ && c != 0x53F7 /* 号 */)
            g_string_append_unichar (unified, c);
        }
      parts = g_strsplit (unified->str, "-", -1);
      g_string_free (unified, TRUE);
      if (g_strv_length (parts) != 3)
        return NULL;
      for (guint i = 0; i < 3; i++)
        if (*parts[i] == '\0' || strspn (parts[i], "0123456789") != strlen (parts[i]) || strlen (parts[i]) > 4)
          return NULL;
      if (strlen (parts[0]) != 4 || strlen (parts[1]) > 2 || strlen (parts[2]) > 2)
        return NULL;
      y = (guint) atoi (parts[0]);
      m = (guint) atoi (parts[1]);
      d = (guint) atoi (parts[2]);
    }

  if (y < 1800 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);

done:
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

/* “4.10105E+17”: what Excel shows, and saves, for a long number */
static gboolean
is_scientific (const char *text)
{
  const char *p = text;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p) || *p == '.')
    p++;
  if (*p != 'E' && *p != 'e')
    return FALSE;
  p++;
  if (*p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return *p == '\0';
}

/* Replaces the member with what lookup gives: NONE drops it; an unknown
 * word is left for the caller (FALSE). */
static gboolean
replace_word (JsonObject *values,
              const char *field,
              const char *value)
{
  if (value == NULL)
    return FALSE;
  if (*value == '\0')
    json_object_remove_member (values, field);
  else
    json_object_set_string_member (values, field, value);
  return TRUE;
}

static void
normalise_date_field (JsonObject *values,
                      const char *field,
                      const char *text,
                      GPtrArray  *problems)
{
  g_autofree char *iso = td_customer_parse_date (text);

  if (iso)
    {
      json_object_set_string_member (values, field, iso);
      return;
    }
  if (g_str_equal (field, "id_expiry") && (g_str_equal (text, "长期") || g_str_equal (text, "长期有效")))
    {
      /* identity cards of people over 45 do not expire */
      json_object_remove_member (values, field);
      return;
    }
  if (g_str_equal (field, "birth_date") && g_str_has_prefix (text, "--"))
    {
      /* Google's and vCard's birthday without a year */
      add_problem (problems, field, TRUE,
                   g_strdup_printf (_("The birthday “%s” has no year, so it was left out."), text));
      json_object_remove_member (values, field);
      return;
    }
  add_problem (problems, field, FALSE,
               g_strdup_printf (_("“%s” is not a date; write it as 1990-03-07."), text));
}

static void
normalise_consent_time (JsonObject *values,
                        const char *field,
                        const char *text,
                        GPtrArray  *problems)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, utc);

  if (time == NULL)
    {
      add_problem (problems, field, FALSE,
                   g_strdup_printf (_("“%s” is not a time; write it as 2024-05-01T08:00:00Z."), text));
      return;
    }
  {
    g_autoptr(GDateTime) in_utc = g_date_time_to_utc (time);
    g_autofree char *formatted = g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");

    json_object_set_string_member (values, field, formatted);
  }
}

/* Google's labels: “* myContacts ::: 家人” → 家人 */
static void
normalise_tags (JsonObject *values,
                const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  g_autofree char *unified = NULL;

  {
    g_autoptr(GString) s = g_string_new (text);

    g_string_replace (s, ":::", ",", 0);
    unified = g_string_free (g_steal_pointer (&s), FALSE);
  }
  parts = g_strsplit (unified, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      const char *tag = g_strstrip (parts[i]);

      if (g_str_equal (tag, "* myContacts") || g_str_equal (tag, "* starred") || *tag == '\0')
        continue;
      if (g_str_has_prefix (tag, "* "))
        tag += 2;
      if (out->len)
        g_string_append_c (out, ',');
      g_string_append (out, tag);
    }
  if (out->len)
    json_object_set_string_member (values, "tags", out->str);
  else
    json_object_remove_member (values, "tags");
}

void
td_customer_row_normalise (TdCustomerRow *row,
                           GPtrArray     *problems)
{
  static const char * const date_fields[] = { "birth_date", "id_expiry" };
  static const char * const consent_fields[] = { "consent_email", "consent_sms", "consent_phone" };
  static const char * const number_fields[] = { "phone", "other_phones", "id_number" };
  JsonObject *values = row->values;
  const char *text;

  g_return_if_fail (row != NULL);

#define TEXT(field) json_object_get_string_member_with_default (values, (field), NULL)

  for (guint i = 0; i < G_N_ELEMENTS (number_fields); i++)
    if ((text = TEXT (number_fields[i])) && is_scientific (text))
      add_problem (problems, number_fields[i], FALSE,
                   g_strdup_printf (_("“%s” is a number Excel rounded and wrote in scientific notation, its last digits lost: format the column as text in Excel and enter the numbers again, or export them again from where they came."),
                                    text));

  if ((text = TEXT ("gender")) && !replace_word (values, "gender", LOOKUP (genders, text)))
    add_problem (problems, "gender", FALSE,
                 g_strdup_printf (_("“%s” is not a gender; write M or F (男 or 女)."), text));

  for (guint i = 0; i < G_N_ELEMENTS (date_fields); i++)
    if ((text = TEXT (date_fields[i])))
      {
        g_autofree char *copy = g_strdup (text);

        normalise_date_field (values, date_fields[i], copy, problems);
      }

  if ((text = TEXT ("id_type")) && !replace_word (values, "id_type", LOOKUP (id_types, text)))
    add_problem (problems, "id_type", FALSE,
                 g_strdup_printf (_("“%s” is not a kind of identity document Tourdesk knows (resident identity card, passport, home return permit, Taiwan compatriot permit, foreign passport, other)."),
                                  text));

  if ((text = TEXT ("nationality")))
    {
      g_autofree char *code = normalise_nationality (text);

      json_object_set_string_member (values, "nationality", code);
    }
  if ((text = TEXT ("id_country")))
    {
      g_autofree char *code = g_ascii_strup (text, -1);

      json_object_set_string_member (values, "id_country", code);
    }
  if ((text = TEXT ("language")))
    replace_word (values, "language", LOOKUP (languages, text));

  if ((text = TEXT ("source")) && !replace_word (values, "source", LOOKUP (sources, text)))
    {
      /* keep what the file says, where the clerk will see it */
      g_ptr_array_add (row->notes, g_strdup_printf (_("Source: %s"), text));
      add_problem (problems, "source", TRUE,
                   g_strdup_printf (_("The source “%s” is not one Tourdesk knows: the customer is marked as imported and the source is kept in a note."),
                                    text));
      json_object_set_string_member (values, "source", "import");
    }

  if ((text = TEXT ("party")) && !replace_word (values, "party", LOOKUP (parties, text)))
    add_problem (problems, "party", FALSE,
                 g_strdup_printf (_("“%s” is neither a person nor an organisation."), text));

  if ((text = TEXT ("loyalty_points")))
    {
      g_autoptr(GString) digits = g_string_new (NULL);
      gint64 points = 0;
      const char *p = text;

      if (*p == '-' || *p == '+')
        g_string_append_c (digits, *p++);
      for (; *p && *p != '.'; p++)
        if (*p != ',' && *p != ' ')
          g_string_append_c (digits, *p);
      if (*p == '.')
        for (p++; *p == '0'; p++)
          ;
      if (*p != '\0' || !g_ascii_string_to_signed (digits->str, 10, G_MININT64, G_MAXINT64, &points, NULL))
        add_problem (problems, "loyalty_points", FALSE,
                     g_strdup_printf (_("“%s” is not a whole number of loyalty points."), text));
      else
        {
          g_autofree char *clean = g_strdup_printf ("%" G_GINT64_FORMAT, points);

          json_object_set_string_member (values, "loyalty_points", clean);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (consent_fields); i++)
    {
      g_autofree char *at = g_strconcat (consent_fields[i], "_at", NULL);

      if ((text = TEXT (consent_fields[i])) && !replace_word (values, consent_fields[i], LOOKUP (consents, text)))
        add_problem (problems, consent_fields[i], FALSE,
                     g_strdup_printf (_("“%s” is not a consent; write granted or withdrawn."), text));
      if ((text = TEXT (at)))
        {
          g_autofree char *copy = g_strdup (text);

          normalise_consent_time (values, at, copy, problems);
        }
    }

  if ((text = TEXT ("tags")))
    {
      g_autofree char *copy = g_strdup (text);

      normalise_tags (values, copy);
    }

#undef TEXT
}
